// Splits a byte stream into text lines: tolerates a BOM, CRLF and a missing final newline, and
// reports bytes that are not UTF-8 instead of replacing them silently.
import { createReadStream } from 'node:fs';

export type RawLine =
  | { line: number; text: string }
  | { line: number; invalidUtf8: { column: number } };

const BOM = [0xef, 0xbb, 0xbf];

/** Incremental splitter: push chunks, then end(). A line is never split across chunks. */
export class LineSplitter {
  private pending: Buffer[] = [];
  private lineNumber = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** True once a BOM was seen at the start of the input. */
  hadBom = false;
  /** True when the last line of the input ended with a newline. */
  endsWithNewline = true;

  push(chunk: Uint8Array): RawLine[] {
    const out: RawLine[] = [];
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, start)) {
      this.pending.push(buf.subarray(start, i));
      out.push(this.emit(Buffer.concat(this.pending)));
      this.pending = [];
      start = i + 1;
    }
    if (start < buf.length) this.pending.push(Buffer.from(buf.subarray(start)));
    return out;
  }

  end(): RawLine[] {
    const rest = Buffer.concat(this.pending);
    this.pending = [];
    if (rest.length === 0) return [];
    this.endsWithNewline = false;
    return [this.emit(rest)];
  }

  private emit(bytes: Buffer): RawLine {
    this.lineNumber += 1;
    let body = bytes;
    if (this.lineNumber === 1 && body.length >= 3 && BOM.every((b, i) => body[i] === b)) {
      this.hadBom = true;
      body = body.subarray(3);
    }
    if (body.length > 0 && body[body.length - 1] === 0x0d) body = body.subarray(0, body.length - 1);
    try {
      return { line: this.lineNumber, text: this.decoder.decode(body) };
    } catch {
      const lossy = new TextDecoder('utf-8').decode(body);
      return { line: this.lineNumber, invalidUtf8: { column: lossy.indexOf('\uFFFD') + 1 } };
    }
  }
}

/** The lines of a file, streamed; pass a splitter to read its BOM and final-newline flags afterwards. */
export async function* linesOfFile(path: string, splitter: LineSplitter = new LineSplitter()): AsyncGenerator<RawLine> {
  for await (const chunk of createReadStream(path)) yield* splitter.push(chunk as Buffer);
  yield* splitter.end();
}
