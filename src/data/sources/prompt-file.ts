// A user's own prompts to self-distil: one JSON object a line, a chat example (its first user
// turn), `{"prompt": ...}` or `{"question": ...}` (GSM8K's lines qualify as they are).
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DataError } from '../../util/errors.js';

const promptLine = z.looseObject({
  messages: z.array(z.looseObject({ role: z.string(), content: z.string() })).min(1).optional(),
  prompt: z.string().min(1).optional(),
  question: z.string().min(1).optional(),
});

/** The user prompt of each line, in file order; errors name the file and line. */
export async function readPromptFile(file: string): Promise<string[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const prompts: string[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new DataError({ file, line: i + 1 }, 'invalid-json', 'a prompt line is not JSON');
    }
    const line = promptLine.safeParse(value);
    if (!line.success) throw new DataError({ file, line: i + 1 }, 'prompt-line', 'expected {"messages": [...]} with a user turn, {"prompt": "..."} or {"question": "..."}');
    const d = line.data;
    const text = d.messages ? d.messages.find((m) => m.role === 'user')?.content : (d.prompt ?? d.question);
    if (!text) throw new DataError({ file, line: i + 1 }, 'prompt-line', 'the example has no user turn');
    prompts.push(text);
  });
  if (prompts.length === 0) throw new DataError({ file }, 'no-prompts', 'the file has no prompts');
  return prompts;
}
