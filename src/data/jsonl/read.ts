// Reading JSONL: one JSON value per line, blank lines skipped, errors located to file:line:column.
import type { z } from 'zod';
import { DataError } from '../../util/errors.js';
import { findSyntaxProblem } from './json-locate.js';
import { LineSplitter, linesOfFile, type RawLine } from './lines.js';
import { detectStyle, type JsonlStyle } from './style.js';

export interface JsonlRecord {
  line: number;
  raw: string;
  value: unknown;
}

export type ParsedLine = { ok: true; value: unknown } | { ok: false; column: number; message: string };

export function parseJsonLine(text: string): ParsedLine {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const problem = findSyntaxProblem(text);
    return { ok: false, column: problem.column, message: problem.message };
  }
}

/** Turns a raw line into a record, or throws the DataError that names its file, line and rule. */
export function toRecord(file: string, raw: RawLine & { text: string }): JsonlRecord {
  const parsed = parseJsonLine(raw.text);
  if (!parsed.ok) throw new DataError({ file, line: raw.line, column: parsed.column }, 'invalid-json', parsed.message);
  return { line: raw.line, raw: raw.text, value: parsed.value };
}

/** Throws the DataError that names the line and column of a line that is not UTF-8. */
export function checkUtf8(file: string, raw: RawLine): asserts raw is RawLine & { text: string } {
  if ('invalidUtf8' in raw) {
    throw new DataError({ file, line: raw.line, column: raw.invalidUtf8.column }, 'invalid-utf8', 'the line is not valid UTF-8');
  }
}

/** Streams the records of a JSONL file; throws at the first line that is not valid UTF-8 JSON. */
export async function* readJsonl(file: string): AsyncGenerator<JsonlRecord> {
  for await (const raw of linesOfFile(file)) {
    checkUtf8(file, raw);
    if (raw.text.trim() !== '') yield toRecord(file, raw);
  }
}

/**
 * The records of a JSONL file, each checked against `schema`; a line that does not match is a
 * DataError with `rule` that says what was `expected`.
 */
export async function readJsonlObjects<T>(file: string, schema: z.ZodType<T>, rule: string, expected: string): Promise<{ line: number; value: T }[]> {
  const out: { line: number; value: T }[] = [];
  for await (const record of readJsonl(file)) {
    const parsed = schema.safeParse(record.value);
    if (!parsed.success) throw new DataError({ file, line: record.line }, rule, `expected ${expected}`);
    out.push({ line: record.line, value: parsed.data });
  }
  return out;
}

/** Reads a whole JSONL file into memory together with its layout. */
export async function readJsonlFile(file: string): Promise<{ records: JsonlRecord[]; style: JsonlStyle }> {
  const records: JsonlRecord[] = [];
  const splitter = new LineSplitter();
  for await (const raw of linesOfFile(file, splitter)) {
    checkUtf8(file, raw);
    if (raw.text.trim() !== '') records.push(toRecord(file, raw));
  }
  return { records, style: detectStyle(records.slice(0, 1000), splitter.endsWithNewline) };
}
