// The JSONL reader and writer: layouts found in the wild, and errors that point at file:line:column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSyntaxProblem, locatePath } from '../../src/data/jsonl/json-locate.js';
import { LineSplitter } from '../../src/data/jsonl/lines.js';
import { readJsonl, readJsonlFile } from '../../src/data/jsonl/read.js';
import { formatJson } from '../../src/data/jsonl/style.js';
import { writeJsonl } from '../../src/data/jsonl/write.js';
import { DataError } from '../../src/util/errors.js';
import { tempDir } from '../helpers/paths.js';

const file = (name: string, content: string | Buffer) => {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
};

async function collect(path: string) {
  const out = [];
  for await (const record of readJsonl(path)) out.push(record);
  return out;
}

describe('reading JSONL', () => {
  it('reads compact and spaced JSON, CRLF, a BOM and no final newline alike', async () => {
    const values = [{ a: 1 }, { b: 'Königsberg 🐦' }];
    const layouts = [
      '{"a":1}\n{"b":"Königsberg 🐦"}\n',
      '{"a": 1}\n{"b": "K\\u00f6nigsberg \\ud83d\\udc26"}',
      '\uFEFF{"a":1}\r\n{"b":"Königsberg 🐦"}\r\n',
      '{"a":1}\n\n   \n{"b":"Königsberg 🐦"}',
    ];
    for (const layout of layouts) expect((await collect(file('x.jsonl', layout))).map((r) => r.value)).toEqual(values);
  });

  it('keeps real line numbers across blank lines', async () => {
    const records = await collect(file('x.jsonl', '{"a":1}\n\n{"a":2}\n'));
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('splits correctly when chunks cut through lines and multi-byte characters', () => {
    const bytes = Buffer.from('{"k":"é🐦"}\r\n{"k":2}\n{"k":3}');
    const splitter = new LineSplitter();
    const lines = [];
    for (const byte of bytes) lines.push(...splitter.push(Uint8Array.of(byte)));
    lines.push(...splitter.end());
    expect(lines).toEqual([
      { line: 1, text: '{"k":"é🐦"}' },
      { line: 2, text: '{"k":2}' },
      { line: 3, text: '{"k":3}' },
    ]);
    expect(splitter.endsWithNewline).toBe(false);
  });

  it('throws a DataError naming file, line, column and rule', async () => {
    const path = file('bad.jsonl', '{"a":1}\n{"a": tru}\n');
    const error = await collect(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).location).toEqual({ file: path, line: 2, column: 7 });
    expect((error as DataError).rule).toBe('invalid-json');
    expect((error as DataError).message).toBe(`${path}:2:7: [invalid-json] expected a value, found character "t"`);
  });

  it('reports bytes that are not UTF-8', async () => {
    const path = file('latin1.jsonl', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d, 0x0a]));
    await expect(collect(path)).rejects.toMatchObject({ rule: 'invalid-utf8', location: { line: 1, column: 7 } });
  });
});

describe('locating problems in a line', () => {
  it('finds syntax errors', () => {
    expect(findSyntaxProblem('{"a": [1, 2,]}')).toEqual({ column: 13, message: 'trailing comma before "]"' });
    expect(findSyntaxProblem('{"a": "x\\q"}')).toMatchObject({ column: 9 });
    expect(findSyntaxProblem('{"a": 01}')).toMatchObject({ column: 8 });
    expect(findSyntaxProblem('')).toMatchObject({ column: 1, message: 'expected a value, found end of line' });
    expect(findSyntaxProblem('['.repeat(5000))).toMatchObject({ message: expect.stringContaining('nesting deeper') });
  });

  it('finds where a path starts, or its nearest ancestor', () => {
    const line = '{"messages": [{"role": "user", "content": "hi"}, {"role": "bot"}]}';
    expect(locatePath(line, ['messages', 1, 'role'])).toBe(line.indexOf('"bot"') + 1);
    expect(locatePath(line, ['messages', 1, 'role'], 'key')).toBe(line.indexOf('"role": "bot"') + 1);
    expect(locatePath(line, ['messages', 1, 'content'])).toBe(line.indexOf('{"role": "bot"') + 1);
    expect(locatePath('not json', ['x'])).toBe(1);
  });
});

describe('writing JSONL', () => {
  it('writes the layouts of the official files', () => {
    const value = { messages: [{ role: 'user', content: 'Königsberg "x"' }] };
    expect(formatJson(value, { separators: 'spaced', asciiOnly: true })).toBe('{"messages": [{"role": "user", "content": "K\\u00f6nigsberg \\"x\\""}]}');
    expect(formatJson(value, { separators: 'compact', asciiOnly: false })).toBe('{"messages":[{"role":"user","content":"Königsberg \\"x\\""}]}');
    expect(formatJson({ e: '🐦' }, { separators: 'compact', asciiOnly: true })).toBe('{"e":"\\ud83d\\udc26"}');
  });

  it('round-trips through a file and detects the style', async () => {
    const path = join(tempDir(), 'out', 'x.jsonl');
    const style = { separators: 'compact' as const, asciiOnly: false, finalNewline: false };
    expect(await writeJsonl(path, [{ a: 'ö' }, { b: [1, 2] }], style)).toBe(2);
    const { records, style: detected } = await readJsonlFile(path);
    expect(records.map((r) => r.raw)).toEqual(['{"a":"ö"}', '{"b":[1,2]}']);
    expect(detected).toEqual(style);
  });
});
