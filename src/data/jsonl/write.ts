// Writing JSONL atomically: the target appears only once every line is on disk.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_STYLE, formatJson, type JsonlStyle } from './style.js';

export async function writeJsonl(
  file: string,
  values: Iterable<unknown> | AsyncIterable<unknown>,
  style: JsonlStyle = DEFAULT_STYLE,
): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  let count = 0;
  async function* lines(): AsyncGenerator<string> {
    for await (const value of values) {
      yield (count === 0 ? '' : '\n') + formatJson(value, style);
      count += 1;
    }
    if (count > 0 && style.finalNewline) yield '\n';
  }
  try {
    await pipeline(Readable.from(lines()), createWriteStream(tmp));
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return count;
}

export function formatJsonl(values: Iterable<unknown>, style: JsonlStyle = DEFAULT_STYLE): string {
  const lines = [...values].map((v) => formatJson(v, style));
  return lines.join('\n') + (lines.length > 0 && style.finalNewline ? '\n' : '');
}
