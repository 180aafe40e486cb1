// Loading a chat JSONL file for transforms and statistics: strict, stops at the first bad line.
import { DataError } from '../../util/errors.js';
import { readJsonlFile } from '../jsonl/read.js';
import type { JsonlStyle } from '../jsonl/style.js';
import { checkExample } from './check.js';
import type { ChatExample } from './schema.js';

export interface LoadedChatFile {
  file: string;
  examples: ChatExample[];
  /** 1-based source line of each example. */
  lines: number[];
  style: JsonlStyle;
}

/** Loads a chat JSONL file with each example's line and the file's layout; throws a `DataError` at the first line that is not a valid example. */
export async function loadChatFile(file: string): Promise<LoadedChatFile> {
  const { records, style } = await readJsonlFile(file);
  const examples: ChatExample[] = [];
  const lines: number[] = [];
  for (const record of records) {
    const check = checkExample(record.value, record.raw);
    if (!check.ok) {
      const first = check.problems[0]!;
      throw new DataError({ file, line: record.line, column: first.column }, first.rule, first.message);
    }
    examples.push(check.example);
    lines.push(record.line);
  }
  return { file, examples, lines, style };
}
