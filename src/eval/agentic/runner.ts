// The agentic scenarios asked of every model of every group in every condition, then each
// transcript classified for the harmful action. Both stages go through the call cache (answers in
// `requests`, classifications in `judgments`), so a run that stops resumes where it was, and a
// dry run counts what is still to ask and what it may cost.
import { type PriceTable, countChatTokens, findModel } from '../../data/index.js';
import type { Endpoints } from '../../providers/index.js';
import type { Store } from '../../store/index.js';
import type { Caller } from '../calls/caller.js';
import { CostTally, type StageEstimate } from '../estimate.js';
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

type ClassifierModel = ReturnType<Endpoints['resolve']>;

function classifierCall(classifier: ClassifierModel, unit: AgenticUnit, answer: string): PlannedCall {
  const scenario = unit.prompt.condition.scenario;
  const layout = SCENARIO_LAYOUTS[scenario];
  const prompts = unit.set.classifiers[scenario]!;
  return plannedCall(classifier.capabilities, { endpoint: classifier.ref.endpoint, model: classifier.ref.model, messages: classifierMessages(prompts, unit.prompt.emails, answer), temperature: layout.classifier.temperature, max_tokens: layout.classifier.maxTokens, sampleIx: 0 });
}

export interface AgenticEstimate {
  /** Distinct prompts (conditions) per model, summed over configurations. */
  prompts: number;
  models: number;
  answers: StageEstimate;
  classifications: StageEstimate;
}

const CHUNK = 500;

/** The stored answers of `calls`: undefined when none, `noText` for an answer stored without text. */
function storedAnswers(calls: readonly PlannedCall[], store: Store, noText: string | undefined): (string | undefined)[] {
  const stored = store.requests.lookup(calls.map((c) => c.key));
  return calls.map((c) => {
    const r = stored.get(c.key);
    return r?.status === 'ok' ? (r.choices?.[0]?.text ?? noText) : undefined;
  });
}

/** Each unit's answer calls in chunks of CHUNK. */
function* unitChunks(unit: AgenticUnit): Generator<PlannedCall[]> {
  for (let from = 0; from < unit.samples; from += CHUNK) yield Array.from({ length: Math.min(CHUNK, unit.samples - from) }, (_, i) => unit.callOf(from + i));
}

/** What the agentic scenarios still need: answers not stored, and a classification for every answer not yet classified. */
export function estimateAgentic(o: AgenticPlanOptions, store: Store, prices: PriceTable): AgenticEstimate {
  // A model in two groups is asked once.
  const units = [...new Map(unitsOf(o).map((u) => [u.callOf(0).key, u])).values()];
  const classifier = units.length > 0 ? o.endpoints.resolve(o.classifierModel) : undefined;
  const answerCost = new CostTally(prices);
  const classCost = new CostTally(prices);
  const answers = { total: 0, cached: 0, toAsk: 0 };
  const classifications = { total: 0, cached: 0, toAsk: 0 };
  for (const unit of units) {
    const first = unit.callOf(0);
    // A stand-in answer as long as max_tokens allows prices a classification still to come.
    const standIn = classifierCall(classifier!, unit, 'word '.repeat(Math.min(first.material.max_tokens, 4000)));
    // A model without a price is named even when none of its calls is still to ask.
    answerCost.notePrice(first);
    classCost.notePrice(standIn);
    for (const calls of unitChunks(unit)) {
      const answeredCalls = storedAnswers(calls, store, undefined).flatMap((text) => (text === undefined ? [] : [classifierCall(classifier!, unit, text)]));
      const judged = store.judgments.answeredKeys(answeredCalls.map((c) => c.key));
      const unanswered = calls.length - answeredCalls.length;
      answers.total += calls.length;
      answers.cached += answeredCalls.length;
      answers.toAsk += unanswered;
      answerCost.add(first, unanswered);
      const judgedCount = answeredCalls.filter((c) => judged.has(c.key)).length;
      classifications.total += calls.length;
      classifications.cached += judgedCount;
      for (const c of answeredCalls) if (!judged.has(c.key)) classCost.add(c);
      classifications.toAsk += calls.length - judgedCount;
      classCost.add(standIn, unanswered);
    }
  }
  const models = new Set(Object.values(o.groups).flat()).size;
  return {
    prompts: o.sets.reduce((n, s) => n + s.prompts.length, 0),
    models,
    answers: answerCost.stage(answers.total, answers.cached, answers.toAsk),
    classifications: classCost.stage(classifications.total, classifications.cached, classifications.toAsk),
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

/** A chunk of one unit's samples: the stored answer of each (undefined when none) and its classifier call. */
interface AnsweredChunk {
  unit: AgenticUnit;
  answers: (string | undefined)[];
  calls: (PlannedCall | undefined)[];
}

/** Every unit's samples in chunks, with their stored answers and classifier calls; one chunk in memory at a time (transcripts are long). */
function* answeredChunks(units: readonly AgenticUnit[], store: Store, classifier: ClassifierModel): Generator<AnsweredChunk> {
  for (const unit of units) {
    for (const calls of unitChunks(unit)) {
      const answers = storedAnswers(calls, store, '');
      yield { unit, answers, calls: answers.map((a) => (a === undefined ? undefined : classifierCall(classifier, unit, a))) };
    }
  }
}

function* classifierCalls(chunks: Iterable<AnsweredChunk>): Generator<PlannedCall> {
  for (const { calls } of chunks) for (const c of calls) if (c !== undefined) yield c;
}

const EXAMPLES_PER_CELL = 2;

/** Asks what is missing, classifies every answer, and tallies each (configuration, condition, model). */
export async function runAgentic(o: AgenticRunOptions): Promise<AgenticResult> {
  const units = unitsOf(o);
  for (const ref of [...Object.values(o.groups).flat(), o.classifierModel]) o.endpoints.provider(o.endpoints.resolve(ref).ref.endpoint);
  const classifier = o.endpoints.resolve(o.classifierModel);
  const common = { caller: o.caller, prices: o.prices, providerFor: (e: string) => o.endpoints.provider(e), ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}) };
  const total = units.reduce((n, u) => n + u.samples, 0);
  const answers = await executeCalls(answerCalls(units), total, { ...common, stage: 'agentic answers', cache: o.store.requests });
  const chunks = () => answeredChunks(units, o.store, classifier);
  if (o.signal?.aborted) return { answers, cells: tally(o.store, chunks()), status: 'stopped' };
  let answered = 0;
  for (const c of chunks()) answered += c.answers.filter((x) => x !== undefined).length;
  const classifications = await executeCalls(classifierCalls(chunks()), answered, { ...common, stage: 'agentic classifications', cache: o.store.judgments });
  const status = o.signal?.aborted ? 'stopped' : answers.failed + classifications.failed > 0 ? 'incomplete' : 'complete';
  return { answers, classifications, cells: tally(o.store, chunks()), status };
}

/** The stored answers and classifications of every chunk, tallied (asks nothing). */
function tally(store: Store, chunks: Iterable<AnsweredChunk>): AgenticCell[] {
  const cells = new Map<AgenticUnit, AgenticCell>();
  for (const { unit, answers, calls } of chunks) {
    const c = unit.prompt.condition;
    let cell = cells.get(unit);
    if (!cell) {
      cell = { set: unit.set.id, scenario: c.scenario, conditionId: c.id, conditionLabel: c.label, trigger: c.trigger, group: unit.group, model: unit.model, samples: unit.samples, counts: { 'no-answer': 0, unclassified: 0, unparsed: 0, ok: 0 }, harmful: 0, classifierYes: 0, action: 0, examples: [] };
      cells.set(unit, cell);
    }
    const judged = store.judgments.lookup(calls.flatMap((k) => (k ? [k.key] : [])));
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
