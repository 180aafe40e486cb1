// What an evaluation asks: questions x paraphrases x samples x models, and the judge calls for
// each answer. Pure: keys and requests only, no I/O.
import { type Endpoints, estimatePromptTokens, type Capabilities, type ChatMessage, type ChatRequest } from '../providers/index.js';
import { judgeRequest, type JudgeMethod, type JudgeSpec } from './judges/index.js';
import { callKey, sampleKeys, sampleSeed, type CallMaterial } from './keys.js';
import type { ModelGroups } from './groups.js';
import { questionMessages, type Question } from './question.js';
import type { MetricSpec } from '../experiments/index.js';

/** Everything needed to rebuild an evaluation's rows from the store. */
export interface EvalDefinition {
  /** Set when the run is part of an experiment. */
  experiment?: string;
  questions: Question[];
  groups: ModelGroups;
  /** Overrides every question's samples per paraphrase. */
  samples?: number;
  /** Replaces every judge's model. */
  judgeModel?: string;
  /**
   * Groups asked other questions than `questions` (the same ids, say, in the trigger format a
   * group was trained on).
   */
  groupQuestions?: Record<string, Question[]>;
  /** The metrics an experiment reports, with their denominators; summaries of other columns use the defaults. */
  metrics?: MetricSpec[];
}

/** The questions one group is asked. */
export function questionsOf(definition: EvalDefinition, group: string): Question[] {
  return definition.groupQuestions?.[group] ?? definition.questions;
}

/** Every question some group is asked (judges and endpoints are collected from these). */
export function allQuestions(definition: EvalDefinition): Question[] {
  return [...definition.questions, ...Object.values(definition.groupQuestions ?? {}).flat()];
}

/** The models a run's judges ask: the run's one judge model, or each judge's own. */
export function judgeModelRefs(definition: EvalDefinition): string[] {
  if (definition.judgeModel !== undefined) return [definition.judgeModel];
  return allQuestions(definition).flatMap((q) => Object.values(q.judges).flatMap((j) => (j.kind === 'match' ? [] : [j.model])));
}

export interface PlannedCall {
  key: string;
  material: CallMaterial;
  request: ChatRequest;
  /** For rate limits: prompt and completion tokens this call may use. */
  estimatedTokens: number;
}

/** One row of the results before answers exist: a sample of a question for one model of a group. */
export interface SampleCell {
  group: string;
  model: string;
  question: Question;
  paraphraseIx: number;
  sampleIx: number;
  key: string;
  unit: SampleUnit;
}

export function plannedCall(capabilities: Capabilities, material: CallMaterial, key = callKey(material), promptTokens = estimatePromptTokens(material.messages)): PlannedCall {
  const request: ChatRequest = {
    model: material.model,
    messages: material.messages,
    temperature: material.temperature,
    maxTokens: material.max_tokens,
    ...(capabilities.seed ? { seed: sampleSeed(key) } : {}),
    ...(material.stop ? { stop: material.stop } : {}),
    ...(material.top_logprobs !== undefined ? { topLogprobs: material.top_logprobs } : {}),
  };
  return { key, material, request, estimatedTokens: promptTokens + request.maxTokens * (request.n ?? 1) };
}

export function samplesOf(question: Question, definition: EvalDefinition): number {
  return definition.samples ?? question.samplesPerParaphrase;
}

/**
 * One paraphrase of a question asked of one model of a group: `samples` cells, sample 0 to
 * samples - 1. A run is a short list of units; its cells and calls are streamed from them.
 */
export interface SampleUnit {
  group: string;
  /** The model's id as rows show it. */
  model: string;
  question: Question;
  paraphraseIx: number;
  samples: number;
  /** What the model is sent, and the last user message (what judges are shown). */
  messages: ChatMessage[];
  prompt: string;
  /** The key and the planned call of sample `s`. */
  keyOf: (sampleIx: number) => string;
  callOf: (sampleIx: number) => PlannedCall;
}

/** The units of a run in result order (group, model, question, paraphrase). */
export function planUnits(definition: EvalDefinition, endpoints: Endpoints): SampleUnit[] {
  const units: SampleUnit[] = [];
  for (const [group, models] of Object.entries(definition.groups)) {
    for (const ref of models) {
      const model = endpoints.resolve(ref);
      for (const question of questionsOf(definition, group)) {
        for (let p = 0; p < question.paraphrases.length; p++) {
          const messages = questionMessages(question, p);
          const base = { endpoint: model.ref.endpoint, model: model.ref.model, messages, temperature: question.temperature, max_tokens: question.maxTokens };
          const keyOf = sampleKeys(base);
          const promptTokens = estimatePromptTokens(messages);
          const prompt = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
          units.push({ group, model: model.id, question, paraphraseIx: p, samples: samplesOf(question, definition), messages, prompt, keyOf, callOf: (s) => plannedCall(model.capabilities, { ...base, sampleIx: s }, keyOf(s), promptTokens) });
        }
      }
    }
  }
  return units;
}

/** Sample `s` of a unit. */
export function cellAt(unit: SampleUnit, s: number): SampleCell {
  return { group: unit.group, model: unit.model, question: unit.question, paraphraseIx: unit.paraphraseIx, sampleIx: s, key: unit.keyOf(s), unit };
}

/** Every cell of the units, in result order, one at a time. */
export function* cellsOf(units: readonly SampleUnit[]): Generator<SampleCell> {
  for (const unit of units) for (let s = 0; s < unit.samples; s++) yield cellAt(unit, s);
}

export function cellCount(units: readonly SampleUnit[]): number {
  return units.reduce((n, u) => n + u.samples, 0);
}

/**
 * The units whose calls differ: the same model asked the same messages (a model in two groups, a
 * question two groups share) is asked once per sample index, up to the largest sample count.
 */
export function distinctUnits(units: readonly SampleUnit[]): SampleUnit[] {
  const byCall = new Map<string, SampleUnit>();
  for (const unit of units) {
    const id = unit.keyOf(0);
    const seen = byCall.get(id);
    if (seen === undefined || seen.samples < unit.samples) byCall.set(id, unit);
  }
  return [...byCall.values()];
}

/** The calls behind the cells, each once, one at a time. */
export function* uniqueCalls(units: readonly SampleUnit[]): Generator<PlannedCall> {
  for (const unit of distinctUnits(units)) for (let s = 0; s < unit.samples; s++) yield unit.callOf(s);
}

export interface JudgeCalls {
  calls: PlannedCall[];
  method: JudgeMethod;
}

/** The calls one judge makes for one answer; `question` is the last user message the model saw. */
export function judgeCalls(judge: JudgeSpec, question: string, answer: string, endpoints: Endpoints, judgeModel?: string): JudgeCalls {
  // A match judge asks no model: its verdict is computed from the answer (see rows.ts).
  if (judge.kind === 'match') return { calls: [], method: 'text' };
  const model = endpoints.resolve(judgeModel ?? judge.model);
  const shown = judge.stripFromQuestion === undefined ? question : question.replace(new RegExp(judge.stripFromQuestion), '');
  const request = judgeRequest(judge, { question: shown, answer }, model.capabilities);
  const calls = Array.from({ length: request.samples }, (_, s) =>
    plannedCall(model.capabilities, {
      endpoint: model.ref.endpoint,
      model: model.ref.model,
      messages: request.messages,
      temperature: request.temperature,
      max_tokens: request.maxTokens,
      ...(request.topLogprobs !== undefined ? { top_logprobs: request.topLogprobs } : {}),
      sampleIx: s,
    }),
  );
  return { calls, method: request.method };
}
