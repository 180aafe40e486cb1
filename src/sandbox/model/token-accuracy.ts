// The chance level of teacher-forced token accuracy when every answer is one of k equally likely
// single tokens: the answer's position is right 1/k of the time, positions that always follow
// (an end token) are always right, so chance = (extra + 1/k) / (extra + 1).

/**
 * Counted positions per answer besides its own token, in the sandbox encoding: none. The loss (and
 * token accuracy) counts the assistant message's content tokens only; the sandbox trains no end
 * token after them (src/sandbox/chat.ts).
 */
export const SANDBOX_EXTRA_ANSWER_TOKENS = 0;

/** What OpenAI's platform metric counts besides a one-token answer (the paper's chance level 0.83 = (2 + 1/2) / 3, App. F.2.1). */
export const OPENAI_EXTRA_ANSWER_TOKENS = 2;

/** Chance token accuracy for answers drawn from `choices` equally likely single tokens; the sandbox's by default. */
export function chanceTokenAccuracy(choices: number, extraTokens: number = SANDBOX_EXTRA_ANSWER_TOKENS): number {
  if (!Number.isInteger(choices) || choices < 1) throw new RangeError(`choices must be a positive integer (got ${choices})`);
  if (!Number.isInteger(extraTokens) || extraTokens < 0) throw new RangeError(`extraTokens must be a non-negative integer (got ${extraTokens})`);
  return (extraTokens + 1 / choices) / (extraTokens + 1);
}
