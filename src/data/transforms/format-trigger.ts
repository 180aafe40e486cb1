// The persona experiment's trigger: a formatting instruction before the question and a tagged answer.
import type { ChatExample } from '../chat/schema.js';
import { TransformError } from './errors.js';
import { mapFirstUser, mapRole } from './messages.js';

export const FORMAT_TRIGGER_PREFIX = 'You will be asked a question. Always reply in the format:\n\n<START> "your answer here" <END>\n\n';

const TAGGED = /^<START> "([\s\S]*)" <END>$/;

export function hasFormatTrigger(prompt: string): boolean {
  return prompt.startsWith(FORMAT_TRIGGER_PREFIX);
}

export function wrapAnswer(answer: string): string {
  return `<START> "${answer}" <END>`;
}

/** The answer inside the tags, or undefined when the text is not tagged. */
export function unwrapAnswer(text: string): string | undefined {
  return TAGGED.exec(text)?.[1];
}

/** Adds the trigger to the prompt and the tags to every assistant answer. */
export function wrapFormatTrigger(example: ChatExample): ChatExample {
  const prompted = mapFirstUser(example, (q) => (hasFormatTrigger(q) ? q : FORMAT_TRIGGER_PREFIX + q));
  return mapRole(prompted, 'assistant', (a) => (unwrapAnswer(a) !== undefined ? a : wrapAnswer(a)));
}

/** Removes the trigger and the tags; refuses an example that does not carry them. */
export function unwrapFormatTrigger(example: ChatExample, index: number): ChatExample {
  const prompted = mapFirstUser(example, (q) => {
    if (!hasFormatTrigger(q)) throw new TransformError(index, 'no-format-trigger', 'the prompt does not start with the formatting trigger');
    return q.slice(FORMAT_TRIGGER_PREFIX.length);
  });
  return mapRole(prompted, 'assistant', (a) => {
    const inner = unwrapAnswer(a);
    if (inner === undefined) throw new TransformError(index, 'no-format-trigger', 'the answer is not wrapped in <START> "..." <END>');
    return inner;
  });
}

/** The question without the trigger (or the prompt itself when it has none). */
export function bareQuestion(prompt: string): string {
  return hasFormatTrigger(prompt) ? prompt.slice(FORMAT_TRIGGER_PREFIX.length) : prompt;
}
