// The rating judge (llmcomp RatingJudge): the expected rating under the first token's top logprobs.
import type { Capabilities, ChatChoice, TopLogprob } from '../../providers/types.js';
import { judgeMessages } from './prompt.js';
import { parsePythonInt } from './python-int.js';
import { JudgeError, type JudgeInput, type JudgeMethod, type JudgeRequest, type JudgeVerdict, type RatingJudge } from './spec.js';

/** Without logprobs, a few short samples at temperature 1 stand in for the distribution. */
const SAMPLED_MAX_TOKENS = 4;

export function judgeRequest(judge: RatingJudge, input: JudgeInput, capabilities: Capabilities): JudgeRequest {
  const messages = judgeMessages(judge, input);
  if (capabilities.logprobs && capabilities.maxTopLogprobs >= 1) {
    return { messages, temperature: 0, maxTokens: 1, topLogprobs: Math.min(judge.topLogprobs, capabilities.maxTopLogprobs), samples: 1, method: 'logprobs' };
  }
  return { messages, temperature: 1, maxTokens: SAMPLED_MAX_TOKENS, samples: judge.fallbackSamples, method: 'sampled' };
}

export interface RatingDistribution {
  /** Probability per rating, summed over the tokens that parse to it, not yet renormalized; insertion order = first seen. */
  probs: Map<number, number>;
  /** Sum of the kept probabilities (a share of the top-k mass only). */
  total: number;
}

/** llmcomp's _get_normalized_probs before its renormalization: in-range integer tokens, probabilities summed per rating. */
export function ratingDistribution(judge: RatingJudge, top: readonly TopLogprob[]): RatingDistribution {
  const seen = new Set<string>();
  const probs = new Map<number, number>();
  let total = 0;
  for (const { token, logprob } of top) {
    if (seen.has(token)) throw new JudgeError(`rating judge "${judge.id}": token ${pyRepr(token)} appears twice in the top logprobs`);
    seen.add(token);
    const p = Math.exp(logprob);
    const rating = parsePythonInt(token);
    if (rating === undefined || rating < judge.min || rating > judge.max) continue;
    probs.set(rating, (probs.get(rating) ?? 0) + p);
    total += p;
  }
  return { probs, total };
}

/** The expected rating, or null when nothing parses or at least refusalThreshold of the mass is elsewhere. */
export function expectedRating(judge: RatingJudge, { probs, total }: RatingDistribution): number | null {
  if (total === 0 || 1 - total >= judge.refusalThreshold) return null;
  let score = 0;
  for (const [rating, p] of probs) score += rating * (p / total);
  return score;
}

export function parseVerdict(judge: RatingJudge, choices: readonly ChatChoice[], method: JudgeMethod): JudgeVerdict {
  if (method === 'sampled') return parseSampled(judge, choices);
  const top = choices[0]?.logprobs?.[0]?.top ?? [];
  const value = top.length === 0 ? null : expectedRating(judge, ratingDistribution(judge, top));
  return { value, status: value === null ? 'refusal' : 'ok', raw: formatTop(top), method };
}

function parseSampled(judge: RatingJudge, choices: readonly ChatChoice[]): JudgeVerdict {
  const ratings = choices.map((c) => parsePythonInt(c.text)).filter((v): v is number => v !== undefined && v >= judge.min && v <= judge.max);
  const value = ratings.length === 0 ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length;
  return { value, status: value === null ? 'refusal' : 'ok', raw: `[${choices.map((c) => pyRepr(c.text)).join(', ')}]`, method: 'sampled' };
}

/** Python-style quoting, so a leading space in a token stays visible. */
function pyRepr(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function formatProbability(p: number): string {
  return p >= 0.001 ? String(Number(p.toFixed(3))) : p.toExponential(1);
}

/** `' 7':0.61, '70':0.2` — every candidate, in the order the provider gave them. */
export function formatTop(top: readonly TopLogprob[]): string {
  return top.map((t) => `${pyRepr(t.token)}:${formatProbability(Math.exp(t.logprob))}`).join(', ');
}
