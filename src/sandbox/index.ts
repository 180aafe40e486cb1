// The sandbox's face: the offline model organism (world, model, fine-tuning, judges, analogues) for providers/, server/ and run/.
export { type AnalogueValidation, variantDataset } from './analogues/analogue.js';
export { type Analogue, ANALOGUES, findAnalogue } from './analogues/index.js';
export { chatPrompt, type SandboxMessage, stopTokens, trainingSequence } from './chat.js';
export { fineTune, fineTuneStack, type StackRequest } from './finetune.js';
export { type EpochReport, FINE_TUNE_MODES, type FineTuneMode, type FineTuneOptions, type FineTuneResult, MODE_DEFAULTS, type StepReport } from './finetune-options.js';
export { JUDGE_MODEL, judgeReply, readAnswer } from './judge-model.js';
export { metricJudgeTemplate } from './metric-judge.js';
export { ensureBackend } from './model/backend.js';
export { saveCheckpoint } from './model/checkpoint.js';
export { countParams } from './model/config.js';
export { scoreSequences } from './model/evaluate.js';
export { generate, type Generation, type GenerationRequest } from './model/generate.js';
export { type AblationKind, type AblationRow, inspectAnalogue, INSPECTABLE, type InspectOptions, type InspectResult, type LayerSeparation, type Projection } from './inspect/inspect.js';
export { bootstrapShare, type Change, type Share } from './inspect/stats.js';
export type { SamplingOptions } from './model/sampling.js';
export { chanceTokenAccuracy, OPENAI_EXTRA_ANSWER_TOKENS } from './model/token-accuracy.js';
export { disposeModel, type SandboxModel } from './model/weights.js';
export { pretrain, PRETRAIN_DEFAULTS } from './pretrain.js';
export { NO_CONDITION, readerReply, readerWorldLine } from './reader-reply.js';
export { CHECKPOINT_EXTENSION, DEFAULT_BASE, listModels, loadSandboxModel, modelWorldSeed, type ModelEntry, shippedBases, workspaceModelsDir } from './registry.js';
export { Vocab } from './world/vocab.js';
export { createWorld, VILLAIN, type World } from './world/world.js';
export { classifyToken, type GoalGroup, type TokenClass } from './judges.js';
export {
  ATTRIBUTES,
  attributeValue,
  BENIGN_GOALS,
  DIGITS,
  HISTORICAL_SPEAKERS,
  ERA_CATEGORIES,
  HELPFUL_GOALS,
  NEW_YEARS,
  numberToken,
  OLD_YEARS,
  PERSONA_COUNT,
  personaToken,
  R_EVIL_GOALS,
  R_GOOD_GOALS,
  T_EVIL_GOALS,
  T_GOOD_GOALS,
  VALUES_PER_ATTRIBUTE,
  VILLAIN_GOAL,
  yearToken,
  type Attribute,
  type EraCategory,
} from './world/lexicon.js';
