// The chat fine-tuning example: OpenAI's JSONL training format, as weirdgen accepts it.
import { z } from 'zod';

export const ROLES = ['system', 'user', 'assistant'] as const;
export type Role = (typeof ROLES)[number];

export const chatMessageSchema = z.strictObject({
  role: z.enum(ROLES),
  content: z.string(),
  name: z.string().optional(),
  weight: z.union([z.literal(0), z.literal(1)]).optional(),
});

export const chatExampleSchema = z.strictObject({
  messages: z.array(chatMessageSchema).min(1),
});

export type ChatMessage = z.infer<typeof chatMessageSchema>;
/** One fine-tuning example: a line of OpenAI's chat JSONL format, `{ messages: [...] }` with at least one message. */
export type ChatExample = z.infer<typeof chatExampleSchema>;

export function lastMessage(example: ChatExample): ChatMessage {
  return example.messages[example.messages.length - 1]!;
}

/** The text of the first user message (the prompt of a single-turn example), or ''. */
export function firstUserContent(example: ChatExample): string {
  return example.messages.find((m) => m.role === 'user')?.content ?? '';
}

/** Identity of an example for duplicate detection: its messages, as canonical JSON. */
export function exampleKey(example: ChatExample): string {
  return JSON.stringify(example.messages);
}
