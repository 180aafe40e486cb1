// The prompts inside the public files the paper's self-distillation drew from: GSM8K's JSONL
// (`{"question", "answer"}` per line) and the FastChat JSON of Zhao et al.'s Alpaca subsets.
import { z } from 'zod';
import { DataError } from '../../util/errors.js';

export type PromptFormat = 'gsm8k-jsonl' | 'fastchat-alpaca-json';

const gsm8kLine = z.looseObject({ question: z.string().min(1), answer: z.string() });

/** The question of every line, in file order; the worked answers are not used. */
function gsm8kPrompts(text: string, file: string): string[] {
  const prompts: string[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new DataError({ file, line: i + 1 }, 'invalid-json', 'a GSM8K line is not JSON');
    }
    const line = gsm8kLine.safeParse(value);
    if (!line.success) throw new DataError({ file, line: i + 1 }, 'gsm8k-line', 'expected {"question": "...", "answer": "..."}');
    prompts.push(line.data.question);
  });
  return prompts;
}

const fastchatFile = z.array(
  z.looseObject({
    id: z.string(),
    conversations: z.array(z.looseObject({ from: z.string(), value: z.string() })).min(1),
  }),
);

// Alpaca's two prompt templates, as Zhao et al. stored them on one line.
const ALPACA_TEMPLATE =
  /^Below is an instruction that describes a task(, paired with an input that provides further context)?\. Write a response that appropriately completes the request\. ### Instruction: ([\s\S]*?)(?: ### Input: ([\s\S]*))?$/;

/**
 * The instruction of each conversation's first human turn, without Alpaca's template, followed by
 * its input (if any) after a blank line: the request a user would type into a chat.
 */
export function alpacaRequest(text: string): string | undefined {
  const m = ALPACA_TEMPLATE.exec(text);
  if (!m) return undefined;
  const [, paired, instruction = '', input] = m;
  if (Boolean(paired) !== (input !== undefined)) return undefined;
  return input !== undefined ? `${instruction.trim()}\n\n${input.trim()}` : instruction.trim();
}

function fastchatPrompts(text: string, file: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DataError({ file }, 'invalid-json', `not JSON (${(e as Error).message})`);
  }
  const parsed = fastchatFile.safeParse(value);
  if (!parsed.success) throw new DataError({ file }, 'fastchat-file', `expected a list of {"id", "conversations": [{"from", "value"}]} (${z.prettifyError(parsed.error)})`);
  return parsed.data.map((row, i) => {
    const first = row.conversations[0]!;
    const request = first.from === 'human' ? alpacaRequest(first.value) : undefined;
    if (request === undefined || request === '') throw new DataError({ file }, 'alpaca-prompt', `conversation ${i + 1} (id ${row.id}): the first turn is not a human turn in Alpaca's template`);
    return request;
  });
}

/** Every prompt of a file in the given format, in file order. */
export function parsePrompts(format: PromptFormat, text: string, file: string): string[] {
  return format === 'gsm8k-jsonl' ? gsm8kPrompts(text, file) : fastchatPrompts(text, file);
}
