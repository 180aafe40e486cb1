// The agentic scenarios asked of every model of every group in every condition, then each
// transcript classified for the harmful action. Both stages go through the call cache (answers in
// `requests`, classifications in `judgments`), so a run that stops resumes where it was, and a
// dry run counts what is still to ask and what it may cost.
import { type PriceTable, countChatTokens, findModel } from '../../data/index.js';
import type { Endpoints } from '../../providers/index.js';
import type { Store } from '../../store/index.js';
import type { Caller } from '../calls/caller.js';
import { inferenceCost } from '../cost.js';
import { executeCalls, type StageProgress, type StageResult } from '../execute.js';
import type { ModelGroups } from '../groups.js';
import { sampleKeys } from '../keys.js';
import { plannedCall, type PlannedCall } from '../plan.js';
import type { AssembledPrompt } from './assemble.js';
import { agenticVerdict, classifierMessages, type ClassifierPrompts } from './classifier.js';
import type { AgenticConfig, AgenticScenarioId } from './config.js';
import { SCENARIO_LAYOUTS } from './scenarios.js';

/** One configuration, loaded: its prompts and its scenarios' classifier prompts. */
export interface AgenticSet {
  /** Short id (`murder`, `blackmail`). */
  id: string;
  label: string;
  /** Where the configuration came from. */
  configSource: string;
  config: AgenticConfig;
  prompts: AssembledPrompt[];
  classifiers: Partial<Record<AgenticScenarioId, ClassifierPrompts>>;
  /** Where the framework's files came from. */
  templates: string;
}

export interface AgenticPlanOptions {
  sets: readonly AgenticSet[];
  groups: ModelGroups;
  /** Overrides the configurations' samples per condition. */
  samples?: number;
  maxTokens: number;
  /** Model reference of the classifier. */
  classifierModel: string;
  endpoints: Endpoints;
}

/** One prompt asked of one model: `samples` answer calls. */
interface AgenticUnit {
  set: AgenticSet;
  prompt: AssembledPrompt;
  group: string;
  model: string;
  samples: number;
  callOf(sampleIx: number): PlannedCall;
}

function unitsOf(o: AgenticPlanOptions): AgenticUnit[] {
  const units: AgenticUnit[] = [];
  for (const set of o.sets) {
    const samples = o.samples ?? set.config.global.samples_per_condition;
    for (const [group, refs] of Object.entries(o.groups)) {
      for (const ref of refs) {
        const model = o.endpoints.resolve(ref);
        for (const prompt of set.prompts) {
          const base = { endpoint: model.ref.endpoint, model: model.ref.model, messages: [{ role: 'user' as const, content: prompt.prompt }], temperature: set.config.global.temperature, max_tokens: set.config.global.max_tokens ?? o.maxTokens };
          const keyOf = sampleKeys(base);
          const tokens = countChatTokens(base.messages, findModel(base.model)?.encoding ?? 'o200k_base');
          units.push({ set, prompt, group, model: model.id, samples, callOf: (s) => plannedCall(model.capabilities, { ...base, sampleIx: s }, keyOf(s), tokens) });
        }
      }
    }
  }
  return units;
}

function classifierCall(o: AgenticPlanOptions, unit: AgenticUnit, answer: string): PlannedCall {
  const scenario = unit.prompt.condition.scenario;
  const layout = SCENARIO_LAYOUTS[scenario];
  const prompts = unit.set.classifiers[scenario]!;
  const model = o.endpoints.resolve(o.classifierModel);
  return plannedCall(model.capabilities, { endpoint: model.ref.endpoint, model: model.ref.model, messages: classifierMessages(prompts, unit.prompt.emails, answer), temperature: layout.classifier.temperature, max_tokens: layout.classifier.maxTokens, sampleIx: 0 });
}

/** Calls of one stage before anything is asked: in all, cached, still to ask, and the cost bound of those. */
export interface AgenticStageEstimate {
  total: number;
  cached: number;
  toAsk: number;
  /** Upper bound: every answer as long as max_tokens allows. */
  maxCostUsd: number;
  unpriced: string[];
}

export interface AgenticEstimate {
  /** Distinct prompts (conditions) per model, summed over configurations. */
  prompts: number;
  models: number;
  answers: AgenticStageEstimate;
  classifications: AgenticStageEstimate;
}

const CHUNK = 500;

function costOf(call: PlannedCall, prices: PriceTable, unpriced: Set<string>): number {
  const tokens = countChatTokens(call.material.messages, findModel(call.material.model)?.encoding ?? 'o200k_base');
  const c = inferenceCost(call.material.endpoint, call.material.model, { promptTokens: tokens, completionTokens: call.material.max_tokens }, prices);
  if (c === undefined) unpriced.add(`${call.material.endpoint}:${call.material.model}`);
  return c ?? 0;
}

/** What the agentic scenarios still need: answers not stored, and a classification for every answer not yet classified. */
export function estimateAgentic(o: AgenticPlanOptions, store: Store, prices: PriceTable): AgenticEstimate {
  // A model in two groups is asked once.
  const units = [...new Map(unitsOf(o).map((u) => [u.callOf(0).key, u])).values()];
  const answersUnpriced = new Set<string>();
  const classUnpriced = new Set<string>();
  const est = { answers: { total: 0, cached: 0, toAsk: 0, maxCostUsd: 0 }, classifications: { total: 0, cached: 0, toAsk: 0, maxCostUsd: 0 } };
  for (const unit of units) {
    const first = unit.callOf(0);
    const answerCost = costOf(first, prices, answersUnpriced);
    // A stand-in answer as long as max_tokens allows prices a classification still to come.
    const standIn = classifierCall(o, unit, 'word '.repeat(Math.min(first.material.max_tokens, 4000)));
    const classCost = costOf(standIn, prices, classUnpriced);
    for (let from = 0; from < unit.samples; from += CHUNK) {
      const calls = Array.from({ length: Math.min(CHUNK, unit.samples - from) }, (_, i) => unit.callOf(from + i));
      const stored = store.requests.lookup(calls.map((c) => c.key));
      const classified = new Set<number>();
      const answeredCalls: PlannedCall[] = [];
      calls.forEach((c, i) => {
        const r = stored.get(c.key);
        const text = r?.status === 'ok' ? r.choices?.[0]?.text : undefined;
        if (text !== undefined) answeredCalls.push(classifierCall(o, unit, text));
        else classified.add(i);
      });
      const judged = store.judgments.answeredKeys(answeredCalls.map((c) => c.key));
      est.answers.total += calls.length;
      est.answers.cached += answeredCalls.length;
      est.answers.toAsk += calls.length - answeredCalls.length;
      est.answers.maxCostUsd += answerCost * (calls.length - answeredCalls.length);
      est.classifications.total += calls.length;
      est.classifications.cached += answeredCalls.filter((c) => judged.has(c.key)).length;
      for (const c of answeredCalls) if (!judged.has(c.key)) est.classifications.maxCostUsd += costOf(c, prices, classUnpriced);
      est.classifications.toAsk += calls.length - answeredCalls.filter((c) => judged.has(c.key)).length;
      est.classifications.maxCostUsd += classCost * (calls.length - answeredCalls.length);
    }
  }
  const models = new Set(Object.values(o.groups).flat()).size;
  return {
    prompts: o.sets.reduce((n, s) => n + s.prompts.length, 0),
    models,
    answers: { ...est.answers, unpriced: [...answersUnpriced] },
    classifications: { ...est.classifications, unpriced: [...classUnpriced] },
  };
}

/** How one transcript ended: not answered, answered but not classified, classified without a yes/no, or classified. */
export type AgenticStatus = 'no-answer' | 'unclassified' | 'unparsed' | 'ok';

/** One cell of the results: a configuration's condition asked of one model, its samples tallied. */
export interface AgenticCell {
  set: string;
  scenario: AgenticScenarioId;
  conditionId: string;
  conditionLabel: string;
  trigger: 'with' | 'without';
  group: string;
  model: string;
  /** Samples planned. */
  samples: number;
  counts: Record<AgenticStatus, number>;
  /** Of the classified (`ok`) samples: harmful (classifier yes AND the action taken). */
  harmful: number;
  /** Of the classified samples: the classifier said yes. */
  classifierYes: number;
  /** Of the answered samples: the transcript takes the action (override code in a tool call, ...). */
  action: number;
  /** A harmful and a not-harmful transcript, with the classifier's reply, for the report. */
  examples: { harmful: boolean | null; answer: string; classifier: string }[];
}

export interface AgenticResult {
  answers: StageResult;
  classifications?: StageResult;
  cells: AgenticCell[];
  status: 'complete' | 'incomplete' | 'stopped';
}

export interface AgenticRunOptions extends AgenticPlanOptions {
  store: Store;
  caller: Caller;
  prices: PriceTable;
  signal?: AbortSignal;
  onProgress?: (p: StageProgress) => void;
}

function* answerCalls(units: readonly AgenticUnit[]): Generator<PlannedCall> {
  for (const unit of units) for (let s = 0; s < unit.samples; s++) yield unit.callOf(s);
}

/** Each unit's samples in chunks, with the stored answer of each (undefined when none). */
function* answeredChunks(units: readonly AgenticUnit[], store: Store): Generator<{ unit: AgenticUnit; answers: (string | undefined)[] }> {
  for (const unit of units) {
    for (let from = 0; from < unit.samples; from += CHUNK) {
      const calls = Array.from({ length: Math.min(CHUNK, unit.samples - from) }, (_, i) => unit.callOf(from + i));
      const stored = store.requests.lookup(calls.map((c) => c.key));
      yield { unit, answers: calls.map((c) => { const r = stored.get(c.key); return r?.status === 'ok' ? (r.choices?.[0]?.text ?? '') : undefined; }) };
    }
  }
}

function* classifierCalls(o: AgenticPlanOptions, units: readonly AgenticUnit[], store: Store): Generator<PlannedCall> {
  for (const { unit, answers } of answeredChunks(units, store)) for (const a of answers) if (a !== undefined) yield classifierCall(o, unit, a);
}

const EXAMPLES_PER_CELL = 2;

/** Asks what is missing, classifies every answer, and tallies each (configuration, condition, model). */
export async function runAgentic(o: AgenticRunOptions): Promise<AgenticResult> {
  const units = unitsOf(o);
  for (const ref of [...Object.values(o.groups).flat(), o.classifierModel]) o.endpoints.provider(o.endpoints.resolve(ref).ref.endpoint);
  const common = { caller: o.caller, prices: o.prices, providerFor: (e: string) => o.endpoints.provider(e), ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}) };
  const total = units.reduce((n, u) => n + u.samples, 0);
  const answers = await executeCalls(answerCalls(units), total, { ...common, stage: 'agentic answers', cache: o.store.requests });
  if (o.signal?.aborted) return { answers, cells: tally(o, units), status: 'stopped' };
  let answered = 0;
  for (const { answers: a } of answeredChunks(units, o.store)) answered += a.filter((x) => x !== undefined).length;
  const classifications = await executeCalls(classifierCalls(o, units, o.store), answered, { ...common, stage: 'agentic classifications', cache: o.store.judgments });
  const status = o.signal?.aborted ? 'stopped' : answers.failed + classifications.failed > 0 ? 'incomplete' : 'complete';
  return { answers, classifications, cells: tally(o, units), status };
}

/** The stored answers and classifications of every unit, tallied (asks nothing). */
function tally(o: AgenticRunOptions, units: readonly AgenticUnit[]): AgenticCell[] {
  const cells = new Map<AgenticUnit, AgenticCell>();
  for (const { unit, answers } of answeredChunks(units, o.store)) {
    const c = unit.prompt.condition;
    let cell = cells.get(unit);
    if (!cell) {
      cell = { set: unit.set.id, scenario: c.scenario, conditionId: c.id, conditionLabel: c.label, trigger: c.trigger, group: unit.group, model: unit.model, samples: unit.samples, counts: { 'no-answer': 0, unclassified: 0, unparsed: 0, ok: 0 }, harmful: 0, classifierYes: 0, action: 0, examples: [] };
      cells.set(unit, cell);
    }
    const calls = answers.map((a) => (a === undefined ? undefined : classifierCall(o, unit, a)));
    const judged = o.store.judgments.lookup(calls.flatMap((k) => (k ? [k.key] : [])));
    answers.forEach((answer, i) => {
      if (answer === undefined) {
        cell.counts['no-answer']++;
        return;
      }
      const j = judged.get(calls[i]!.key);
      const reply = j?.status === 'ok' ? j.choices?.[0]?.text : undefined;
      const check = SCENARIO_LAYOUTS[c.scenario].check;
      if (reply === undefined) {
        cell.counts.unclassified++;
        return;
      }
      const v = agenticVerdict(check, answer, reply);
      if (v.action) cell.action++;
      if (v.harmful === null) cell.counts.unparsed++;
      else {
        cell.counts.ok++;
        if (v.harmful) cell.harmful++;
        if (v.classifier) cell.classifierYes++;
      }
      if (cell.examples.length < EXAMPLES_PER_CELL && !cell.examples.some((e) => e.harmful === v.harmful)) cell.examples.push({ harmful: v.harmful, answer, classifier: reply });
    });
  }
  return [...cells.values()];
}
