// The evaluation layer's face: questions, groups, the definition of a run, its calls, rows, estimate and export.
export { Caller } from './calls/caller.js';
export { inferenceCost } from './cost.js';
export { buildDefinition, defaultRunId, expandLedgerGroups } from './definition.js';
export { estimateEval, type EvalEstimate, type StageEstimate } from './estimate.js';
export { type EvalSummary, evaluate } from './evaluate.js';
export type { StageProgress, StageResult } from './execute.js';
export { exportRows } from './export.js';
export { loadGroups, type ModelGroups, parseGroupsFlag } from './groups.js';
export { JUDGE_DEFAULTS, type JudgeSpec, type ModelJudge } from './judges/spec.js';
export { loadQuestions } from './load-questions.js';
export { loadRunDefinition, loadRunRows } from './load-run.js';
export { loadPythonPrompts, OfficialFileUnavailableError, type PythonPrompts } from './official-python-prompts.js';
export { OFFICIAL_PREFIX, resolveOfficialFile } from './official-spec.js';
export { allQuestions, type EvalDefinition } from './plan.js';
export { conditionOf, withCondition } from './question-id.js';
export { type Question, type QuestionFileInput, questionFileSchema, questionsOf } from './question.js';
export { buildRows, type JudgeCell, type ResultRow } from './rows.js';
export { type EvaluationOutcome, runEvaluation, type RunEvaluationOptions } from './run-evaluation.js';
