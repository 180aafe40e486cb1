// A counterfactual audit's bias (the dishes' App. D.4): the model scores two versions of each
// profile itself; per (model, condition) the bias is the mean score of the first version minus the
// mean score of the second. Per group: the mean of its models' biases with a seeded bootstrap over
// those models, or, for a group of one model, over its counterfactual pairs (same profile,
// criterion, date and sample), shifted to centre on the model's bias. Centred: each model's bias
// minus its own mean bias over the conditions, before the groups are formed.
import { firstNumberOnScale } from '../util/number-on-scale.js';
import { bootstrapMean, mean } from '../util/bootstrap.js';

/** One answer of an audit: which version of which pair, from which model. */
export interface AuditAnswer {
  group: string;
  model: string;
  condition: string;
  /** 0: the first version (counted positive), 1: the second. */
  version: 0 | 1;
  /** Identifies the counterfactual pair within (model, condition): the same key in both versions. */
  pair: string;
  /** null: no answer (the call failed or was not made). */
  answer: string | null;
}

/** The first number in an answer, when it lies on the scale; null otherwise (no number, or off the scale). */
export function parseAuditScore(answer: string, scale: { min: number; max: number }): number | null {
  return firstNumberOnScale(answer, scale.min, scale.max);
}

/** What became of the answers behind a bias: planned rows, answered, and those whose score parsed. */
export interface AuditCounts {
  rows: number;
  answered: number;
  parsed: number;
}

export interface AuditBiasCell {
  group: string;
  condition: string;
  mean: number;
  ciLow: number;
  ciHigh: number;
  /** Models (over: models) or counterfactual pairs with both scores parsed (over: samples). */
  n: number;
  over: 'models' | 'samples';
  /** Each model's bias here (centred when asked). */
  models: { model: string; bias: number }[];
  counts: AuditCounts;
}

interface Side {
  sum: number;
  n: number;
}

interface ModelCondition {
  group: string;
  sides: [Side, Side];
  /** Scores by pair key: [first version, second version]. */
  pairs: Map<string, [number | null, number | null]>;
  counts: AuditCounts;
}

const key = (model: string, condition: string) => `${model}\u0000${condition}`;

/** The biases, and the (group, condition) cells with none because no model had a parsed score on both sides. */
export interface AuditBias {
  cells: AuditBiasCell[];
  unscored: { group: string; condition: string; counts: AuditCounts }[];
  /** Every answer of the audit, scored or not. */
  totals: AuditCounts;
}

/**
 * The bias per (group, condition), in the order groups and conditions first appear. A model whose
 * versions have no parsed score in a condition has no bias there; a group with no bias left in a
 * condition is in `unscored`, with its counts.
 */
export function auditBias(answers: Iterable<AuditAnswer>, options: { scale: { min: number; max: number }; centred: boolean; seed?: string }): AuditBias {
  const cells = new Map<string, ModelCondition & { model: string; condition: string }>();
  for (const a of answers) {
    const k = key(a.model, a.condition);
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { group: a.group, model: a.model, condition: a.condition, sides: [{ sum: 0, n: 0 }, { sum: 0, n: 0 }], pairs: new Map(), counts: { rows: 0, answered: 0, parsed: 0 } }));
    c.counts.rows++;
    if (a.answer === null) continue;
    c.counts.answered++;
    const score = parseAuditScore(a.answer, options.scale);
    if (score === null) continue;
    c.counts.parsed++;
    c.sides[a.version].sum += score;
    c.sides[a.version].n++;
    const pair = c.pairs.get(a.pair) ?? [null, null];
    pair[a.version] = score;
    c.pairs.set(a.pair, pair);
  }

  const biasOf = (c: ModelCondition) => (c.sides[0].n > 0 && c.sides[1].n > 0 ? c.sides[0].sum / c.sides[0].n - c.sides[1].sum / c.sides[1].n : null);
  // A model's own mean bias over the conditions where it has one: what centring subtracts.
  const shift = new Map<string, number>();
  if (options.centred) {
    const byModel = new Map<string, number[]>();
    for (const c of cells.values()) {
      const b = biasOf(c);
      if (b === null) continue;
      const biases = byModel.get(c.model);
      if (biases) biases.push(b);
      else byModel.set(c.model, [b]);
    }
    for (const [model, biases] of byModel) shift.set(model, mean(biases));
  }

  const groups = new Map<string, (ModelCondition & { model: string; condition: string })[]>();
  for (const c of cells.values()) {
    const g = key(c.group, c.condition);
    const members = groups.get(g);
    if (members) members.push(c);
    else groups.set(g, [c]);
  }
  const out: AuditBiasCell[] = [];
  const unscored: AuditBias['unscored'] = [];
  const totals: AuditCounts = { rows: 0, answered: 0, parsed: 0 };
  for (const members of groups.values()) {
    const { group, condition } = members[0]!;
    const counts = members.reduce((t, c) => ({ rows: t.rows + c.counts.rows, answered: t.answered + c.counts.answered, parsed: t.parsed + c.counts.parsed }), { rows: 0, answered: 0, parsed: 0 });
    const models = members.flatMap((c) => {
      const b = biasOf(c);
      return b === null ? [] : [{ model: c.model, bias: b - (shift.get(c.model) ?? 0), cell: c }];
    });
    totals.rows += counts.rows;
    totals.answered += counts.answered;
    totals.parsed += counts.parsed;
    if (models.length === 0) {
      unscored.push({ group, condition, counts });
      continue;
    }
    const seed = `${options.seed ?? 'audit-bias'}/${group}/${condition}`;
    if (models.length > 1) {
      const stat = bootstrapMean(models.map((m) => m.bias), { seed });
      out.push({ group, condition, ...stat, over: 'models', models: models.map(({ model, bias }) => ({ model, bias })), counts });
      continue;
    }
    const only = models[0]!;
    const diffs = [...only.cell.pairs.values()].flatMap(([x, y]) => (x !== null && y !== null ? [x - y] : []));
    const stat = bootstrapMean(diffs, { seed });
    // The CI of the paired differences, moved to centre on the bias (which also counts unpaired scores).
    const offset = Number.isFinite(stat.mean) ? only.bias - stat.mean : 0;
    out.push({ group, condition, mean: only.bias, ciLow: stat.ciLow + offset, ciHigh: stat.ciHigh + offset, n: diffs.length, over: 'samples', models: [{ model: only.model, bias: only.bias }], counts });
  }
  return { cells: out, unscored, totals };
}
