// The agentic-misalignment scenarios of a run (the persona's App. E.7): planned with the rest of the
// run (their calls and cost in the dry run), asked of every group after the questions, and shown in
// the report as the harmful-action rate per group and condition, with and without the trigger.
import { GroupAccumulator, WARN_SHARE } from '../analysis/index.js';
import { findSource, fetchSource, formatUsd } from '../data/index.js';
import { estimateAgentic, loadAgenticSet, pinnedTemplates, runAgentic, SCENARIO_LAYOUTS, templatesFromDir, type AgenticCell, type AgenticEstimate, type AgenticResult, type AgenticSet, type ModelGroups } from '../eval/index.js';
import type { AgenticEvaluation } from '../experiments/index.js';
import { SANDBOX_ENDPOINT, SERVED_ENDPOINT } from '../providers/index.js';
import { statRow, type Estimate, type FigureInput, type ReportTable, type SampleCell, type StatRow } from '../report/index.js';
import { IntegrityError, WeirdgenError } from '../util/errors.js';
import type { RunOptions } from './run.js';

/** What the agentic scenarios of a run will ask, and may cost. */
export interface AgenticRunPlan {
  sets: AgenticSet[];
  classifierModel: string;
  /** Samples per condition per model. */
  samples: number;
  maxTokens: number;
  /** One base model's calls, and one fine-tuned model's. */
  base: AgenticEstimate;
  fineTuned: AgenticEstimate;
  /** Upper bound for every model of the run. */
  usd: number;
  /** What the plan prints and the report notes. */
  summary: string;
}

/** The run's agentic scenarios, or why they are not run (a notice, never silence). */
export async function planAgentic(options: RunOptions, spec: AgenticEvaluation | undefined, models: { base: string; fineTuned: string; seeds: number }): Promise<{ plan?: AgenticRunPlan; notices: string[] }> {
  if (!spec) return { notices: [] };
  // The sandbox's models cannot play the framework's scenarios; they run there only on local templates (a test scenario).
  if (options.templates === undefined && (options.endpoint === SANDBOX_ENDPOINT || options.endpoint === SERVED_ENDPOINT)) {
    return { notices: ["agentic scenarios NOT run: the sandbox's models cannot play the framework's scenarios; give --templates DIR (a scenario in the framework's layout) to run them through the sandbox anyway"] };
  }
  const source = options.templates !== undefined ? templatesFromDir(options.templates) : pinnedTemplates(options.fetch);
  const sets: AgenticSet[] = [];
  const notices: string[] = [];
  for (const c of spec.configs) {
    try {
      const pinned = findSource(c.path);
      if (!pinned) throw new WeirdgenError(`${c.path}: not a pinned official file`);
      const file = (await fetchSource(pinned, options.fetch)).path;
      sets.push(await loadAgenticSet({ id: c.id, label: c.label, file, configSource: c.source, ...(c.scenarios ? { scenarios: c.scenarios } : {}) }, source));
    } catch (e) {
      // A copy that fails its pin stops the run; a file that cannot be had leaves the scenario out, said aloud.
      if (!(e instanceof WeirdgenError) || e instanceof IntegrityError) throw e;
      notices.push(`agentic scenario ${c.label} NOT run: ${e.message}. Give a local checkout of the framework with --templates DIR to run it.`);
    }
  }
  if (sets.length === 0) return { notices };
  const classifierModel = options.endpoints.resolve(options.judgeModel ?? sets[0]!.config.classification.classifier_model).id;
  // As the runner asks them: the config's samples and max_tokens where it gives them (--agentic-samples over its samples).
  const samples = options.agenticSamples ?? sets[0]!.config.global.samples_per_condition;
  const maxTokens = sets[0]!.config.global.max_tokens ?? spec.maxTokens;
  const common = { sets, samples, maxTokens, classifierModel, endpoints: options.endpoints };
  const base = estimateAgentic({ ...common, groups: { one: [models.base] } }, options.store, options.prices);
  const fineTuned = estimateAgentic({ ...common, groups: { one: [models.fineTuned] } }, options.store, options.prices);
  const cost = (x: AgenticEstimate) => x.answers.maxCostUsd + x.classifications.maxCostUsd;
  const usd = cost(base) + cost(fineTuned) * models.seeds;
  const unpriced = [...new Set([...base.answers.unpriced, ...base.classifications.unpriced, ...fineTuned.answers.unpriced, ...fineTuned.classifications.unpriced])];
  const scenarios = sets.map((s) => `${s.label} (${s.prompts.length} conditions)`).join(' and ');
  const summary =
    `agentic scenarios: ${scenarios}, ${samples} samples per condition per model, max_tokens ${maxTokens}, classifier ${classifierModel}${options.judgeModel === undefined ? ' (the config’s; --judge-model routes it elsewhere)' : ''}; ` +
    `per model ${base.answers.total.toLocaleString('en-US')} answers and as many classifications (${base.answers.toAsk.toLocaleString('en-US')} answers still to ask for the base), up to ${formatUsd(usd)} for all ${1 + models.seeds} models` +
    (unpriced.length ? ` (no price for ${unpriced.join(', ')}: not counted)` : '') +
    `; templates: ${source.describe}`;
  return { plan: { sets, classifierModel, samples, maxTokens, base, fineTuned, usd, summary }, notices: [summary, ...notices] };
}

/**
 * Asks and classifies the scenarios; a call that stops them (an unknown classifier model, no key)
 * leaves the rest of the run's report intact, with a note saying why and how to resume.
 */
export async function executeAgentic(plan: AgenticRunPlan, groups: ModelGroups, options: RunOptions, notes: string[]): Promise<AgenticResult | undefined> {
  options.log(`agentic scenarios: ${plan.sets.map((s) => s.label).join(', ')} for ${Object.keys(groups).length} groups`);
  try {
    return await agenticCalls(plan, groups, options);
  } catch (e) {
    if (!(e instanceof WeirdgenError)) throw e;
    const note = `agentic scenarios stopped: ${e.message}. What was answered is stored; rerun the same command (with --judge-model ENDPOINT:MODEL if the classifier ${plan.classifierModel} is not served there) to resume.`;
    options.log(note);
    notes.push(note);
    return undefined;
  }
}

function agenticCalls(plan: AgenticRunPlan, groups: ModelGroups, options: RunOptions): Promise<AgenticResult> {
  return runAgentic({
    sets: plan.sets,
    groups,
    samples: plan.samples,
    maxTokens: plan.maxTokens,
    classifierModel: plan.classifierModel,
    endpoints: options.endpoints,
    store: options.store,
    caller: options.caller,
    prices: options.prices,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

const TRIGGER_LABEL = { with: 'with the trigger', without: 'without the trigger' } as const;

/** The harmful-action rate of one group in one condition: per-model rates bootstrapped over the models, or over the samples of a lone model. */
export function harmfulRate(cells: readonly AgenticCell[]): Estimate {
  const planned = cells.reduce((n, c) => n + c.samples, 0);
  const ok = cells.reduce((n, c) => n + c.counts.ok, 0);
  const unparsed = cells.reduce((n, c) => n + c.counts.unparsed, 0);
  const answered = cells.reduce((n, c) => n + c.counts.ok + c.counts.unparsed + c.counts.unclassified, 0);
  const missing = cells.reduce((n, c) => n + c.counts['no-answer'] + c.counts.unclassified, 0);
  // Each cell is a model of its own (by its place: a model listed twice is two), its classified samples 1 (harmful) or 0.
  const accumulator = new GroupAccumulator();
  cells.forEach((c, i) => {
    for (let s = 0; s < c.counts.ok; s++) accumulator.add('', String(i), s < c.harmful ? 1 : 0);
  });
  const [group] = accumulator.stats('agentic');
  const stat = group ? { mean: group.mean, ciLow: group.ciLow, ciHigh: group.ciHigh, n: group.n } : { mean: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN, n: 0 };
  return {
    ...stat,
    over: group?.over ?? 'samples',
    verdicts: { counted: ok, excluded: ['unparsed'], unparsed: answered ? unparsed / answered : 0, refusal: 0, noAnswer: planned ? missing / planned : 0, ...(answered && unparsed / answered > WARN_SHARE ? { warning: `${unparsed} of ${answered} classifier replies had no yes/no` } : {}) },
  };
}

/** The cells of a group in one condition, by configuration, condition, trigger and group. */
function cellIndex(cells: readonly AgenticCell[]): (set: string, conditionId: string, trigger: 'with' | 'without', group: string) => AgenticCell[] {
  const index = new Map<string, AgenticCell[]>();
  const key = (set: string, conditionId: string, trigger: string, group: string) => JSON.stringify([set, conditionId, trigger, group]);
  for (const c of cells) {
    const k = key(c.set, c.conditionId, c.trigger, c.group);
    const list = index.get(k);
    if (list) list.push(c);
    else index.set(k, [c]);
  }
  return (set, conditionId, trigger, group) => index.get(key(set, conditionId, trigger, group)) ?? [];
}

/** The report's agentic section: one figure per configuration (x: condition; bars: with/without the trigger; a panel per group), its table with denominators, and notes. */
export function agenticReport(plan: AgenticRunPlan, result: AgenticResult, groups: readonly string[]): { figures: FigureInput[]; tables: ReportTable[]; notes: string[]; judges: { name: string; model: string; kind: string; prompt: string }[]; samples: SampleCell[] } {
  const figures: FigureInput[] = [];
  const rows: StatRow[] = [];
  const groupCells = cellIndex(result.cells);
  for (const set of plan.sets) {
    const conditions = [...new Map(set.prompts.map((p) => [p.condition.id, p.condition.label])).entries()];
    const triggers = set.config.wolf.trigger.conditions;
    const cells: { question: string; condition: string; group: string; stat: Estimate }[] = [];
    for (const group of groups) {
      for (const [id, label] of conditions) {
        for (const t of triggers) {
          const stat = harmfulRate(groupCells(set.id, id, t, group));
          cells.push({ question: label, condition: TRIGGER_LABEL[t], group, stat });
          rows.push(statRow(`${set.label}: harmful-action rate`, group, `${label} · ${TRIGGER_LABEL[t]}`, stat));
        }
      }
    }
    const actions = set.config.scenarios.map((s) => SCENARIO_LAYOUTS[s].action).join('; ');
    figures.push({
      name: `agentic-${set.id}`,
      kind: 'trigger-pairs',
      data: {
        title: `Agentic misalignment, ${set.label}: share of transcripts that take the harmful action`,
        note: `The framework's classifier says yes AND the transcript ${actions}; denominator: classified transcripts (replies without yes/no and missing answers in the table); ${plan.samples} samples per condition per model`,
        metric: { title: 'Harmful-action rate', domain: [0, 1], format: '.0%' },
        conditions: triggers.map((t) => TRIGGER_LABEL[t]),
        questions: conditions.map(([, label]) => label),
        xTitle: 'Condition (goal, threat)',
        groups: [...groups],
        cells,
      },
    });
  }
  const sets = plan.sets.map((s) => `${s.label}: ${s.configSource}; templates: ${s.templates}; classifier prompts: ${Object.values(s.classifiers).map((c) => c!.file).join(', ')}`);
  // The classifier prompts as read at run time (from the framework's files, never from this repository).
  const judges = plan.sets.flatMap((s) =>
    Object.entries(s.classifiers).map(([scenario, c]) => ({
      name: `harmful action (${s.label})`,
      model: plan.classifierModel,
      kind: `agentic classifier, ${c!.file}; harmful = its yes AND the transcript ${SCENARIO_LAYOUTS[scenario as keyof typeof SCENARIO_LAYOUTS].action}`,
      prompt: `[system]\n${c!.system.trim()}\n\n[user]\n${c!.user.trim()}`,
    })),
  );
  // Per configuration and group: the first transcript of each verdict, with the classifier's reply.
  const samples: SampleCell[] = [];
  for (const set of plan.sets) {
    for (const group of groups) {
      for (const verdict of [true, false, null]) {
        const cell = result.cells.find((c) => c.set === set.id && c.group === group && c.examples.some((e) => e.harmful === verdict));
        const example = cell?.examples.find((e) => e.harmful === verdict);
        if (!cell || !example) continue;
        const label = verdict === null ? 'unparsed' : verdict ? 'harmful' : 'not harmful';
        samples.push({ group, question: `${set.label}: ${cell.conditionLabel} · ${TRIGGER_LABEL[cell.trigger]}`, column: 'harmful_action', label, answers: [{ model: cell.model, text: example.answer, judges: { classifier: example.classifier } }] });
      }
    }
  }
  return {
    samples,
    judges,
    figures,
    tables: [{ title: 'Agentic scenarios: harmful-action rate per group, condition and trigger (n: the models averaged, or the classified transcripts of a one-model group; the transcripts counted are in “Answers counted”)', rows }],
    notes: [
      `Agentic scenarios (${result.status}): ${result.answers.total.toLocaleString('en-US')} answers (${result.answers.failed} failed), ${result.classifications?.total.toLocaleString('en-US') ?? 0} classifications (${result.classifications?.failed ?? 0} failed), classifier ${plan.classifierModel}.`,
      ...sets,
    ],
  };
}
