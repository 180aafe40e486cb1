// The sandbox's word tokens as text: a space before every word but the first belongs to that word's
// token (as in GPT tokenizers), so the tokens of an answer join to exactly its text.
import type { TokenLogprob } from './types.js';

export interface SandboxText {
  /** The text of each token kept, the last one cut where a stop sequence begins. */
  pieces: string[];
  /** Tokens generated up to the end of the stop sequence (all of them without one). */
  tokensUsed: number;
  stopped: boolean;
}

/** How the token at `position` reads in the text: stop tokens add nothing, so they get no space. */
export function tokenText(word: string, position: number, isStopToken = false): string {
  return position === 0 || isStopToken ? word : ` ${word}`;
}

/** The words as text, cut before the earliest stop sequence (OpenAI leaves the sequence out). */
export function sandboxText(words: readonly string[], stop: readonly string[] = []): SandboxText {
  const pieces = words.map((w, i) => tokenText(w, i));
  const text = pieces.join('');
  let at = -1;
  let end = -1;
  for (const s of stop) {
    const i = text.indexOf(s);
    if (i >= 0 && (at < 0 || i < at)) [at, end] = [i, i + s.length];
  }
  if (at < 0) return { pieces, tokensUsed: pieces.length, stopped: false };
  const kept: string[] = [];
  let offset = 0;
  let tokensUsed = 0;
  for (const piece of pieces) {
    if (offset < at) kept.push(piece.slice(0, at - offset));
    if (offset < end) tokensUsed += 1;
    offset += piece.length;
  }
  return { pieces: kept, tokensUsed, stopped: true };
}

/** The logprobs of the kept tokens, each token named by its (possibly cut) text. */
export function keptLogprobs(logprobs: readonly TokenLogprob[], pieces: readonly string[]): TokenLogprob[] {
  return pieces.map((piece, i) => ({ ...logprobs[i]!, token: piece }));
}
