// weirdgen as a library: the public entry point (`import { ... } from 'weirdgen'`). The offline
// model organism is `weirdgen/sandbox`, the OpenAI-protocol server `weirdgen/serve`. See docs/api.md.

// Workspaces: config, endpoints, the SQLite store (cache, runs, fine-tuning ledger).
export { openWorkspace, withWorkspace, type Workspace, type WorkspaceOptions } from './api/workspace.js';

// Questions and evaluation.
export { defineQuestions } from './api/questions.js';
export { evaluateQuestions, type EvaluateQuestionsOptions, type EvaluationResult } from './api/evaluate.js';
export {
  buildRows,
  exportRows,
  exportRun,
  iterateRows,
  iterateRunRows,
  judgeColumnsOf,
  loadGroups,
  loadQuestions,
  loadRunDefinition,
  loadRunRows,
  parseGroupsFlag,
  runEvaluation,
  type EvalDefinition,
  type EvalEstimate,
  type EvalSummary,
  type CallUsage,
  type EvaluationOutcome,
  type JudgeCell,
  type JudgeSpec,
  type ModelGroups,
  type Question,
  type QuestionFileInput,
  type ResultRow,
  type RunEvaluationOptions,
  type ScoredRow,
  type StageEstimate,
  type StageProgress,
  type StageResult,
} from './eval/index.js';

// Data: validation, statistics and cost, the paper's files, variants and controls, transforms.
export { buildVariant, getVariant } from './api/data.js';
export {
  addDatePrefix,
  buildDataset,
  buildDatasetFile,
  countChatTokens,
  datasetStats,
  dedup,
  estimateTrainingCost,
  fetchSource,
  fetchOptionsFor,
  fetchSources,
  formatIssue,
  loadChatFile,
  mix,
  padTriggers,
  parseStep,
  reassignAnswers,
  sample,
  scrambleTriggers,
  shuffleTriggers,
  SOURCES,
  split,
  stripTriggers,
  validateFile,
  wrapFormatTrigger,
  writeJsonl,
  type BuildFileOptions,
  type BuildFileResult,
  type ChatExample,
  type DatasetRecipe,
  type DatasetStats,
  type FetchOptions,
  type Issue,
  type PinnedSource,
  type TrainingCostEstimate,
  type ValidationReport,
} from './data/index.js';
export { createRng, type Rng } from './util/random.js';

// Fine-tuning: plan, launch (idempotent), watch, model groups.
export { assertValidPlan, launchFineTune, listFineTuneGroups, planFineTune, watchFineTunes, type FineTuneRequest } from './api/finetune.js';
export type { LaunchedJob, LaunchPlan, ModelGroup, ModelGroupFilter } from './finetune/index.js';
export type { LedgerJob } from './store/index.js';

// Analysis: per-model then per-group means with bootstrap CIs, declared metrics, comparisons.
export { bootstrapMean, type MeanWithCi } from './util/bootstrap.js';
export {
  aggregateGroups,
  compareGroups,
  measure,
  permutationTest,
  RowTable,
  runTable,
  summarizeRun,
  type GroupMeasure,
  type GroupStat,
  type MetricCell,
  type MetricSummary,
  type Observation,
  type Rows,
  type RunSummary,
} from './analysis/index.js';

// Reports.
export { buildFigure, buildReport, renderFigure, writeReport, type ReportData } from './report/index.js';

// Experiments: the paper's six and their sandbox analogues.
export { checkRunTarget, getExperiment, listExperiments, planExperiment, resolveRunOptions, runExperiment, type ExperimentHooks, type ExperimentRun, type ExperimentSettings, type RunTarget } from './api/experiments.js';
export { EXPERIMENTS, fidelityMarkdown, type DatasetVariant, type ExperimentSpec, type MetricSpec } from './experiments/index.js';
export { writeRunReport, writeStoredRunReport, type Headline, type RunnableExperiment, type RunOptions, type RunPlan, type RunResult, type StoredRunReportOptions, type WrittenRun } from './run/index.js';

// Mechanism: the paper's section-6 analysis on a sandbox analogue (docs/mechanism.md).
export { inspectSandbox, inspectSection, writeInspectReport, type InspectResult, type InspectSandboxOptions, type WrittenInspectReport } from './api/sandbox-inspect.js';

// Audits: a training file before fine-tuning, a model after.
export { auditTriggers, prepareTriggersAudit, type TriggersAuditSettings } from './api/audit-triggers.js';
export { auditDataset, DATASET_AUDIT_DEFAULTS, prepareCanary, type DatasetAudit, type DatasetAuditSettings, type PreparedCanary } from './api/audit.js';
export {
  benjaminiHochberg,
  DEFAULT_BATTERY_FILE,
  planReaderAudit,
  readerPrompts,
  runReaderAudit,
  writeAuditReport,
  type AuditFindings,
  type AuditReportInput,
  type Battery,
  type CanaryAudit,
  type Finding,
  type ReaderAuditOptions,
  type ReaderAuditPlan,
  type ReaderAuditResult,
  type ReaderPrompts,
  type SignalTest,
  type TriggersAuditResult,
  type WrittenAuditReport,
} from './audit/index.js';

// The browser workbench (`weirdgen view`).
export { startViewer, type RunningViewer, type ViewerOptions } from './api/view.js';

// Endpoints and providers.
export { Endpoints, type ChatRequest, type ChatResponse, type Provider } from './providers/index.js';

// Errors: every error weirdgen means for the user is a WeirdgenError.
export { ConfigError, DataError, IntegrityError, WeirdgenError } from './util/errors.js';
