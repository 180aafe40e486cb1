// Strict UTF-8 decoding: bytes that are not UTF-8 are refused with their line and column, never
// replaced by U+FFFD (question, config and judge YAML; each line of a JSONL file).
import { DataError } from './errors.js';

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

/** The 1-based column of the first character of `line` that is not UTF-8, or undefined when all of it is. */
function invalidUtf8Column(line: Uint8Array): number | undefined {
  try {
    strict.decode(line);
    return undefined;
  } catch {
    return lossy.decode(line).indexOf('\uFFFD') + 1;
  }
}

/** The text of `bytes` (a leading BOM dropped), or the DataError [invalid-utf8] naming the first bad line and column. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return strict.decode(bytes);
  } catch {
    const bomLength = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    let start = bomLength;
    for (let line = 1; start <= bytes.length; line++) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline === -1 ? bytes.length : newline;
      const column = invalidUtf8Column(bytes.subarray(start, end));
      if (column !== undefined) throw new DataError({ file, line, column }, 'invalid-utf8', 'the line is not valid UTF-8');
      start = end + 1;
    }
    throw new DataError({ file }, 'invalid-utf8', 'the file is not valid UTF-8');
  }
}
