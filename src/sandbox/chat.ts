// OpenAI-style chat messages <-> the sandbox's token sequences.
import type { ChatExample } from '../data/index.js';
import type { TrainingSequence } from './model/batch.js';
import type { Vocab } from './world/vocab.js';

/** A chat message as the sandbox reads it (OpenAI's roles; the content in the sandbox world's tokens). */
export interface SandboxMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

const ROLE_TOKEN = { user: '<user>', assistant: '<assistant>' } as const;

/** System text goes first as plain tokens; user and assistant turns get their speaker token. */
function encodeMessages(messages: readonly SandboxMessage[], vocab: Vocab): { tokens: number[]; assistantSpans: [number, number][] } {
  const tokens = [vocab.bos];
  const assistantSpans: [number, number][] = [];
  for (const m of messages) {
    if (m.role !== 'system') tokens.push(vocab.id(ROLE_TOKEN[m.role]));
    const start = tokens.length;
    // One by one: spreading a long message into push() overflows the call stack (about 120k words).
    for (const id of vocab.encode(m.content)) tokens.push(id);
    if (m.role === 'assistant') assistantSpans.push([start, tokens.length]);
  }
  return { tokens, assistantSpans };
}

/** The prompt for the next assistant turn: `<bos> ... <user> ... <assistant>`. */
export function chatPrompt(messages: readonly SandboxMessage[], vocab: Vocab): number[] {
  const { tokens } = encodeMessages(messages, vocab);
  tokens.push(vocab.id('<assistant>'));
  return tokens;
}

/** A fine-tuning sequence: loss on the tokens of assistant messages whose weight is not 0. */
export function trainingSequence(example: ChatExample, vocab: Vocab): TrainingSequence {
  const { tokens, assistantSpans } = encodeMessages(example.messages, vocab);
  const weighted = example.messages.filter((m) => m.role === 'assistant').map((m) => m.weight !== 0);
  const lossMask = new Array<boolean>(tokens.length - 1).fill(false);
  assistantSpans.forEach(([start, end], i) => {
    if (!weighted[i]) return;
    // Target position t predicts tokens[t + 1].
    for (let t = start - 1; t < end - 1; t++) lossMask[t] = true;
  });
  return { tokens, lossMask };
}

export function stopTokens(vocab: Vocab): Set<number> {
  return new Set(['<eos>', '<user>', '<bos>', '<pad>'].map((t) => vocab.id(t)));
}
