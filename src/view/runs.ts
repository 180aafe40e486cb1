// Every run of the workspace as the Runs view lists it: kind, status (a running run whose process
// is gone shows as interrupted), dates, groups, samples planned, and the answers' cost once indexed.
import { cellCount } from '../eval/index.js';
import { shownRunStatus } from '../store/index.js';
import type { RunListing } from './api-types.js';
import type { ViewContext } from './context.js';
import { runPlan } from './run-plan.js';
import { storedIndex } from './sample-index.js';

export function listRuns(ctx: ViewContext): RunListing[] {
  return ctx.store.runs.list().map((run) => {
    const base = { id: run.id, status: shownRunStatus(run), createdAt: run.createdAt, updatedAt: run.updatedAt, answersCostUsd: storedIndex(ctx, run.id)?.answersCostUsd ?? null };
    try {
      const plan = runPlan(ctx, run.id);
      const experiment = plan.definition.experiment ?? null;
      return { ...base, kind: experiment !== null ? 'experiment' : 'eval', experiment, groups: Object.entries(plan.definition.groups).map(([name, models]) => ({ name, models: models.length })), samples: cellCount(plan.units) };
    } catch (e) {
      return { ...base, kind: 'eval', experiment: null, groups: [], samples: null, problem: e instanceof Error ? e.message : String(e) };
    }
  });
}
