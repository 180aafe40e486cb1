// `weirdgen sandbox reproduce`: a view over `weirdgen run sandbox-*`, one run per analogue and
// base, with each metric's per-group mean and CI pooled over the bases' models.
import { measure, type GroupStat } from '../analysis/index.js';
import { buildRows, type ResultRow } from '../eval/index.js';
import type { Analogue } from '../sandbox/index.js';
import { sandboxExperiment, metricColumn } from './sandbox-experiments.js';
import { executeRun, planRun, type RunOptions } from './run.js';

export interface ReproducedMetric {
  experiment: string;
  metric: string;
  mode: string;
  groups: Record<string, Pick<GroupStat, 'mean' | 'ciLow' | 'ciHigh' | 'n' | 'over'>>;
}

export interface ReproduceRequest {
  analogues: readonly Analogue[];
  bases: readonly string[];
  mode?: string;
}

/** Runs each analogue on each base (resuming what is done) and summarizes the metrics over all of them. */
export async function reproduceAnalogues(request: ReproduceRequest, options: Omit<RunOptions, 'experiment' | 'base'>): Promise<ReproducedMetric[]> {
  const results: ReproducedMetric[] = [];
  for (const analogue of request.analogues) {
    const rows: ResultRow[] = [];
    for (const base of request.bases) {
      const plan = await planRun({ ...options, experiment: sandboxExperiment(analogue), base, ...(request.mode ? { metadata: { sandbox_mode: request.mode } } : {}) });
      const result = await executeRun(plan, { ...options, experiment: plan.experiment, base });
      if (!result) return results;
      rows.push(...buildRows(plan.runId, result.definition, options.store, options.endpoints));
    }
    const experiment = sandboxExperiment(analogue);
    for (const metric of analogue.metrics) {
      const spec = experiment.metrics.find((m) => m.column === metricColumn(metric.id))!;
      const [summary] = measure(rows, spec, { seed: `${analogue.id}/${metric.id}` });
      if (!summary) continue;
      results.push({
        experiment: analogue.id,
        metric: metric.id,
        mode: request.mode ?? analogue.defaultMode,
        groups: Object.fromEntries(summary.groups.map((g) => [g.group, { mean: g.mean, ciLow: g.ciLow, ciHigh: g.ciHigh, n: g.n, over: g.over }])),
      });
    }
  }
  return results;
}
