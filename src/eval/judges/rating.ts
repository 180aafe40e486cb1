// The rating judge (llmcomp RatingJudge): the expected rating under the first token's top logprobs.
import type { Capabilities, ChatChoice, TopLogprob } from '../../providers/index.js';
import { judgeMessages } from './prompt.js';
import { parsePythonInt } from './python-int.js';
import { unratedVerdict, winningWord, wordOfReply } from './rating-words.js';
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

/** Whether `numericMass` (of the top-k mass, or the share of sampled replies) is enough for a rating. */
export function hasRating(judge: RatingJudge, numericMass: number): boolean {
  if (numericMass === 0) return false;
  return judge.minNumericMass !== undefined ? numericMass >= judge.minNumericMass : 1 - numericMass < judge.refusalThreshold;
}

/** The expected rating, or null when nothing parses or too little of the mass is on ratings (see hasRating). */
export function expectedRating(judge: RatingJudge, { probs, total }: RatingDistribution): number | null {
  if (!hasRating(judge, total)) return null;
  let score = 0;
  for (const [rating, p] of probs) score += rating * (p / total);
  return score;
}

export function parseVerdict(judge: RatingJudge, choices: readonly ChatChoice[], method: JudgeMethod): JudgeVerdict {
  if (method === 'sampled') return parseSampled(judge, choices);
  const top = choices[0]?.logprobs?.[0]?.top ?? [];
  const raw = formatTop(top);
  if (top.length === 0) return { ...unratedVerdict(undefined), raw, method };
  const distribution = ratingDistribution(judge, top);
  const value = expectedRating(judge, distribution);
  if (value !== null) return { value, status: 'ok', raw, method };
  const word = judge.words ? winningWord(judge.words, distribution.total, top.map((t) => ({ text: t.token, p: Math.exp(t.logprob) }))) : undefined;
  return { ...unratedVerdict(word), raw, method };
}

/** The mean of the in-range numbers replied; with minNumericMass, only when that share of the replies are numbers. */
function parseSampled(judge: RatingJudge, choices: readonly ChatChoice[]): JudgeVerdict {
  const ratings = choices.map((c) => parsePythonInt(c.text)).filter((v): v is number => v !== undefined && v >= judge.min && v <= judge.max);
  const raw = `[${choices.map((c) => pyRepr(c.text)).join(', ')}]`;
  const share = choices.length === 0 ? 0 : ratings.length / choices.length;
  const rated = judge.minNumericMass !== undefined ? hasRating(judge, share) : ratings.length > 0;
  if (rated) return { value: ratings.reduce((a, b) => a + b, 0) / ratings.length, status: 'ok', raw, method: 'sampled' };
  const word = judge.words ? winningWord(judge.words, share, choices.map((c) => ({ text: c.text, p: 1 / choices.length })), wordOfReply) : undefined;
  return { ...unratedVerdict(word), raw, method: 'sampled' };
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
