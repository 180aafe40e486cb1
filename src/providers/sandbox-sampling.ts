// A ChatRequest's sampling parameters as the sandbox sampler takes them, checked against its vocabulary.
import type { SamplingOptions } from '../sandbox/index.js';
import { ParameterError } from './parameter-error.js';
import type { ChatRequest } from './types.js';

/** logit_bias keys are ids of the sandbox vocabulary (`GET /weirdgen/vocabulary`, `Vocab.tokens`). */
export function logitBiasMap(bias: Readonly<Record<string, number>> | undefined, vocabularySize: number): Map<number, number> | undefined {
  if (!bias || Object.keys(bias).length === 0) return undefined;
  const map = new Map<number, number>();
  for (const [key, value] of Object.entries(bias)) {
    const id = /^\d+$/.test(key) ? Number(key) : NaN;
    if (!Number.isSafeInteger(id) || id >= vocabularySize) {
      throw new ParameterError('logit_bias', `Invalid key in 'logit_bias': ${JSON.stringify(key)}. Keys are sandbox token ids from 0 to ${vocabularySize - 1} (GET /weirdgen/vocabulary lists them).`);
    }
    map.set(id, value);
  }
  return map;
}

export function samplingOptions(request: ChatRequest, vocabularySize: number): SamplingOptions {
  const logitBias = logitBiasMap(request.logitBias, vocabularySize);
  return {
    temperature: request.temperature,
    ...(request.topP !== undefined ? { topP: request.topP } : {}),
    ...(request.frequencyPenalty !== undefined ? { frequencyPenalty: request.frequencyPenalty } : {}),
    ...(request.presencePenalty !== undefined ? { presencePenalty: request.presencePenalty } : {}),
    ...(logitBias ? { logitBias } : {}),
  };
}

/** The rule-based judge does not sample: a parameter that would change sampling is refused, not ignored. */
export function refuseSamplingForJudge(request: ChatRequest, judge: string): void {
  const given: [string, boolean][] = [
    ['top_p', request.topP !== undefined && request.topP !== 1],
    ['frequency_penalty', (request.frequencyPenalty ?? 0) !== 0],
    ['presence_penalty', (request.presencePenalty ?? 0) !== 0],
    ['logit_bias', Object.keys(request.logitBias ?? {}).length > 0],
  ];
  const param = given.find(([, set]) => set)?.[0];
  if (param) throw new ParameterError(param, `The model '${judge}' is rule-based and does not sample: '${param}' cannot apply to it. Leave it out.`);
}
