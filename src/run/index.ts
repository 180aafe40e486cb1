// The run layer's face: `weirdgen run` (plan, execute, report), runnable experiments, distillation and the local sandbox server.
export { type DistillPlan, planDistilledMix } from './distill-plan.js';
export { buildDistilledMix, type DistilledMix } from './distill.js';
export type { RunnableExperiment } from './experiment.js';
export { findRunnable, RUNNABLE_EXPERIMENTS } from './registry.js';
export { type Headline, isSummary } from './headline.js';
export { writeRunReport, type WrittenRun } from './report.js';
export { type StoredRunReportOptions, writeStoredRunReport } from './stored-report.js';
export { storedRunFigures } from './stored-figures.js';
export { storedQuestionInfo, type StoredQuestionInfo } from './stored-questions.js';
export { reproduceAnalogues, type ReproducedMetric } from './reproduce.js';
export { executeRun, type PlannedVariant, planRun, type RunOptions, type RunPlan, type RunResult } from './run.js';
export { sandboxExperiment } from './sandbox-experiments.js';
export { holdServeLock, SERVE_LOCK } from './serve-lock.js';
export { workspaceEndpoints, type WorkspaceEndpointsOptions } from './workspace-endpoints.js';
