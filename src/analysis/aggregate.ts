// Per model first, then per group: a group's mean is the mean of its models' means; its error bar
// is a seeded bootstrap over those model means, or over samples when the group has one model.
import { bootstrapMean, mean, type MeanWithCi } from './bootstrap.js';

/** One value to aggregate: the group and model it came from. */
export interface Observation {
  group: string;
  model: string;
  /** null: no value (unjudged, refused, unparsed); skipped as pandas skips NaN. */
  value: number | null;
}

export interface ModelMean {
  model: string;
  mean: number;
  n: number;
}

/** A group's mean with its bootstrap CI, its models' own means, and how many observations had no value. */
export interface GroupStat extends MeanWithCi {
  group: string;
  /** What the bootstrap resampled. */
  over: 'models' | 'samples';
  models: ModelMean[];
  /** Observations without a value. */
  missing: number;
}

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Per-group means: each model's mean first, then the mean of those, with a seeded bootstrap CI
 * over model means (or over samples when a group has one model). Null values are skipped.
 *
 * @example
 * const stats = aggregateGroups(rows.map((r) => ({ group: r.group, model: r.model, value: typeof r.judges.aligned?.value === 'number' ? r.judges.aligned.value : null })));
 */
export function aggregateGroups(observations: readonly Observation[], seed: number | string = 0): GroupStat[] {
  return [...byKey(observations, (o) => o.group)].map(([group, items]) => {
    const valued = items.filter((o): o is Observation & { value: number } => o.value !== null && Number.isFinite(o.value));
    const models = [...byKey(valued, (o) => o.model)].map(([model, own]) => ({ model, mean: mean(own.map((o) => o.value)), n: own.length }));
    const missing = items.length - valued.length;
    if (models.length <= 1) return { group, ...bootstrapMean(valued.map((o) => o.value), { seed }), over: 'samples' as const, models, missing };
    const stat = bootstrapMean(models.map((m) => m.mean), { seed });
    return { group, ...stat, over: 'models' as const, models, missing };
  });
}
