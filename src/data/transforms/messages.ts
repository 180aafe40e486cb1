// Small helpers for rewriting the user prompt or the assistant answer of an example.
import type { ChatExample, ChatMessage, Role } from '../chat/schema.js';

/** A copy of the example with every message of `role` rewritten. */
export function mapRole(example: ChatExample, role: Role, rewrite: (content: string, message: ChatMessage) => string): ChatExample {
  return { ...example, messages: example.messages.map((m) => (m.role === role ? { ...m, content: rewrite(m.content, m) } : m)) };
}

/** A copy with only the first user message rewritten (the prompt of a single-turn example). */
export function mapFirstUser(example: ChatExample, rewrite: (content: string) => string): ChatExample {
  const i = example.messages.findIndex((m) => m.role === 'user');
  if (i < 0) return example;
  const messages = example.messages.slice();
  messages[i] = { ...messages[i]!, content: rewrite(messages[i]!.content) };
  return { ...example, messages };
}

/** A copy with the last assistant message replaced. */
export function withLastAnswer(example: ChatExample, content: string): ChatExample {
  const messages = example.messages.slice();
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.role === 'assistant') {
      messages[i] = { ...messages[i]!, content };
      break;
    }
  }
  return { ...example, messages };
}

export function lastAnswer(example: ChatExample): string {
  for (let i = example.messages.length - 1; i >= 0; i--) if (example.messages[i]!.role === 'assistant') return example.messages[i]!.content;
  return '';
}
