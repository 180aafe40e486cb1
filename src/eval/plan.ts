// What an evaluation asks: questions x paraphrases x samples x models, and the judge calls for
// each answer. Pure: keys and requests only, no I/O.
import { type Endpoints, estimatePromptTokens, type Capabilities, type ChatRequest } from '../providers/index.js';
import { judgeRequest, type JudgeMethod, type JudgeSpec } from './judges/index.js';
import { callKey, sampleSeed, type CallMaterial } from './keys.js';
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
}

export function plannedCall(capabilities: Capabilities, material: CallMaterial): PlannedCall {
  const key = callKey(material);
  const request: ChatRequest = {
    model: material.model,
    messages: material.messages,
    temperature: material.temperature,
    maxTokens: material.max_tokens,
    ...(capabilities.seed ? { seed: sampleSeed(key) } : {}),
    ...(material.stop ? { stop: material.stop } : {}),
    ...(material.top_logprobs !== undefined ? { topLogprobs: material.top_logprobs } : {}),
  };
  return { key, material, request, estimatedTokens: estimatePromptTokens(request.messages) + request.maxTokens * (request.n ?? 1) };
}

export function samplesOf(question: Question, definition: EvalDefinition): number {
  return definition.samples ?? question.samplesPerParaphrase;
}

/** Every cell in result order (group, model, question, paraphrase, sample) and the unique calls behind them. */
export function planSamples(definition: EvalDefinition, endpoints: Endpoints): { cells: SampleCell[]; calls: PlannedCall[] } {
  const cells: SampleCell[] = [];
  const calls = new Map<string, PlannedCall>();
  for (const [group, models] of Object.entries(definition.groups)) {
    for (const ref of models) {
      const model = endpoints.resolve(ref);
      for (const question of questionsOf(definition, group)) {
        for (let p = 0; p < question.paraphrases.length; p++) {
          const messages = questionMessages(question, p);
          for (let s = 0; s < samplesOf(question, definition); s++) {
            const call = plannedCall(model.capabilities, { endpoint: model.ref.endpoint, model: model.ref.model, messages, temperature: question.temperature, max_tokens: question.maxTokens, sampleIx: s });
            calls.set(call.key, call);
            cells.push({ group, model: model.id, question, paraphraseIx: p, sampleIx: s, key: call.key });
          }
        }
      }
    }
  }
  return { cells, calls: [...calls.values()] };
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

export function lastUserMessage(cell: SampleCell): string {
  const messages = questionMessages(cell.question, cell.paraphraseIx);
  return [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}
