// Whole text files (question, config and judge YAML) decoded with the JSONL reader's UTF-8 check:
// bytes that are not UTF-8 are refused with their line and column, never replaced by U+FFFD.
import { readFile } from 'node:fs/promises';
import { DataError } from '../../util/errors.js';
import { LineSplitter } from './lines.js';
import { checkUtf8 } from './read.js';

/** The text of `bytes` (a leading BOM dropped), or the DataError [invalid-utf8] naming the first bad line and column. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const splitter = new LineSplitter();
    for (const raw of [...splitter.push(bytes), ...splitter.end()]) checkUtf8(file, raw);
    throw new DataError({ file }, 'invalid-utf8', 'the file is not valid UTF-8');
  }
}

/** Reads `file` as strict UTF-8 (file-system errors pass through unchanged). */
export async function readUtf8File(file: string): Promise<string> {
  return decodeUtf8(await readFile(file), file);
}
