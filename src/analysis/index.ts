// The analysis layer's face: aggregation, measures of metrics and verdicts, run summaries.
export { aggregateGroups, GroupAccumulator, type GroupStat, type Observation } from './aggregate.js';
export { compareGroups } from './compare.js';
export { type GroupMeasure, measure, type MetricCell } from './measure.js';
export { observe, type Observed } from './observe.js';
export { summarizeRun, type RunSummary } from './run-summary.js';
export { permutationTest, type PermutationResult } from './permutation.js';
export type { MetricSummary } from './summarize.js';
export { emptyCounts, sharesOf, tally, type Verdict, verdictOf, WARN_SHARE, warningOf } from './verdicts.js';
export { cellPlace, type CellWarning } from './warnings.js';
export { RowTable } from './row-table.js';
export type { Rows } from './rows.js';
export { runTable } from './run-table.js';
export { auditBias, type AuditAnswer, type AuditBias, type AuditBiasCell, type AuditCounts, parseAuditScore } from './audit-bias.js';
