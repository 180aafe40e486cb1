// Writing JSONL atomically: the target appears only once every line is on disk.
import { writeStreamAtomic } from '../../util/atomic-write.js';
import { DEFAULT_STYLE, formatJson, type JsonlStyle } from './style.js';

/** Writes values as JSONL, one per line, atomically (the file appears only when complete); returns the number of lines written. */
export async function writeJsonl(
  file: string,
  values: Iterable<unknown> | AsyncIterable<unknown>,
  style: JsonlStyle = DEFAULT_STYLE,
): Promise<number> {
  let count = 0;
  async function* lines(): AsyncGenerator<string> {
    for await (const value of values) {
      yield (count === 0 ? '' : '\n') + formatJson(value, style);
      count += 1;
    }
    if (count > 0 && style.finalNewline) yield '\n';
  }
  await writeStreamAtomic(file, lines());
  return count;
}

export function formatJsonl(values: Iterable<unknown>, style: JsonlStyle = DEFAULT_STYLE): string {
  const lines = [...values].map((v) => formatJson(v, style));
  return lines.join('\n') + (lines.length > 0 && style.finalNewline ? '\n' : '');
}
