// The sandbox's face: the offline model organism (world, model, fine-tuning, judges, analogues) for providers/, server/ and run/.
export { variantDataset } from './analogues/analogue.js';
export { type Analogue, ANALOGUES, findAnalogue } from './analogues/index.js';
export { chatPrompt, type SandboxMessage, stopTokens, trainingSequence } from './chat.js';
export { type EpochReport, FINE_TUNE_MODES, fineTune, type FineTuneMode, type FineTuneOptions, MODE_DEFAULTS, type StepReport } from './finetune.js';
export { JUDGE_MODEL, judgeReply, readAnswer } from './judge-model.js';
export { metricJudgeTemplate } from './metric-judge.js';
export { ensureBackend } from './model/backend.js';
export { saveCheckpoint } from './model/checkpoint.js';
export { countParams } from './model/config.js';
export { scoreSequences } from './model/evaluate.js';
export { generate, type Generation, type GenerationRequest } from './model/generate.js';
export type { SamplingOptions } from './model/sampling.js';
export { chanceTokenAccuracy } from './model/token-accuracy.js';
export { disposeModel, type SandboxModel } from './model/weights.js';
export { pretrain, PRETRAIN_DEFAULTS } from './pretrain.js';
export { CHECKPOINT_EXTENSION, DEFAULT_BASE, listModels, loadSandboxModel, type ModelEntry, shippedBases, workspaceModelsDir } from './registry.js';
export { Vocab } from './world/vocab.js';
export { createWorld, VILLAIN, type World } from './world/world.js';
