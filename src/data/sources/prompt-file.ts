// A user's own prompts to self-distil: one JSON object a line, a chat example (its first user
// turn), `{"prompt": ...}` or `{"question": ...}` (GSM8K's lines qualify as they are).
import { z } from 'zod';
import { DataError } from '../../util/errors.js';
import { readJsonlObjects } from '../jsonl/read.js';

const promptLine = z.looseObject({
  messages: z.array(z.looseObject({ role: z.string(), content: z.string() })).min(1).optional(),
  prompt: z.string().min(1).optional(),
  question: z.string().min(1).optional(),
});

/** The user prompt of each line, in file order; errors name the file and line. */
export async function readPromptFile(file: string): Promise<string[]> {
  const lines = await readJsonlObjects(file, promptLine, 'prompt-line', '{"messages": [...]} with a user turn, {"prompt": "..."} or {"question": "..."}');
  const prompts = lines.map(({ line, value: d }) => {
    const text = d.messages ? d.messages.find((m) => m.role === 'user')?.content : (d.prompt ?? d.question);
    if (!text) throw new DataError({ file, line }, 'prompt-line', 'the example has no user turn');
    return text;
  });
  if (prompts.length === 0) throw new DataError({ file }, 'no-prompts', 'the file has no prompts');
  return prompts;
}
