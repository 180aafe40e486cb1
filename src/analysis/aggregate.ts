// Per model first, then per group: a group's mean is the mean of its models' means; its error bar
// is a seeded bootstrap over those model means, or over samples when the group has one model.
import { bootstrapMean, type MeanWithCi } from '../util/bootstrap.js';
import { Float64List } from './growable.js';

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

interface GroupTally {
  items: number;
  /** Values in the order they came: what a one-model group's bootstrap resamples. */
  values: Float64List;
  /** Per model in order of its first value: the running sum and count. */
  models: Map<string, { sum: number; n: number }>;
}

/**
 * Observations added one at a time, aggregated as `aggregateGroups` does: it keeps a number per
 * value and a sum per model, never the observations.
 */
export class GroupAccumulator {
  private readonly groups = new Map<string, GroupTally>();

  add(group: string, model: string, value: number | null): void {
    let tally = this.groups.get(group);
    if (tally === undefined) this.groups.set(group, (tally = { items: 0, values: new Float64List(), models: new Map() }));
    tally.items++;
    if (value === null || !Number.isFinite(value)) return;
    tally.values.push(value);
    const own = tally.models.get(model);
    if (own === undefined) tally.models.set(model, { sum: value, n: 1 });
    else (own.sum += value), own.n++;
  }

  /** Per-group stats in order of each group's first observation. */
  stats(seed: number | string = 0): GroupStat[] {
    return [...this.groups].map(([group, tally]) => {
      // Summed in order, as the mean of the model's values is.
      const models = [...tally.models].map(([model, own]) => ({ model, mean: own.sum / own.n, n: own.n }));
      const missing = tally.items - tally.values.length;
      if (models.length <= 1) return { group, ...bootstrapMean(tally.values.values(), { seed }), over: 'samples' as const, models, missing };
      return { group, ...bootstrapMean(models.map((m) => m.mean), { seed }), over: 'models' as const, models, missing };
    });
  }
}

/**
 * Per-group means: each model's mean first, then the mean of those, with a seeded bootstrap CI
 * over model means (or over samples when a group has one model). Null values are skipped.
 *
 * @example
 * const stats = aggregateGroups(rows.map((r) => ({ group: r.group, model: r.model, value: typeof r.judges.aligned?.value === 'number' ? r.judges.aligned.value : null })));
 */
export function aggregateGroups(observations: Iterable<Observation>, seed: number | string = 0): GroupStat[] {
  const accumulator = new GroupAccumulator();
  for (const o of observations) accumulator.add(o.group, o.model, o.value);
  return accumulator.stats(seed);
}
