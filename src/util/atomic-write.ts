// Files that appear whole or not at all: written to a temporary sibling, then renamed over the
// target (a rename within one folder is atomic), and the sibling removed if anything fails.
import { closeSync, createWriteStream, openSync, writeSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dirname } from 'node:path';

let counter = 0;

/**
 * Runs `write` on a fresh temporary sibling of `file` (its folder made first), then renames the
 * sibling to `file`; `write` may throw to leave `file` as it was.
 */
export async function writeAtomically<T>(file: string, write: (tmp: string) => Promise<T>): Promise<T> {
  await mkdir(dirname(file), { recursive: true });
  // Unique per call: two writes of one file at once, in one process or two, never share a sibling.
  const tmp = `${file}.tmp-${process.pid}-${(counter += 1)}`;
  try {
    const result = await write(tmp);
    await rename(tmp, file);
    return result;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Writes `data` to `file` atomically. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await writeAtomically(file, (tmp) => writeFile(tmp, data));
}

/** Writes `pieces` to `file` as they come (flat memory, the stream's pace), atomically. */
export async function writeStreamAtomic(file: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  await writeAtomically(file, (tmp) => pipeline(Readable.from(pieces), createWriteStream(tmp)));
}

/** Text kept before it is written out, per file. */
const PIECE = 64 * 1024;

/**
 * Writes several files in one pass over their content, each appearing whole (atomically) once
 * `write` returns: `write` gets one append function per file, in the order of `files`.
 */
export async function writeFilesAtomic(files: readonly string[], write: (appends: ((text: string) => void)[]) => void): Promise<void> {
  const nest = async (tmps: string[]): Promise<void> => {
    if (tmps.length < files.length) return writeAtomically(files[tmps.length]!, (tmp) => nest([...tmps, tmp]));
    const fds = tmps.map((tmp) => openSync(tmp, 'w'));
    try {
      const pieces = fds.map(() => '');
      const flush = (i: number) => {
        writeSync(fds[i]!, pieces[i]!);
        pieces[i] = '';
      };
      write(
        fds.map((_, i) => (text: string) => {
          pieces[i] += text;
          if (pieces[i]!.length >= PIECE) flush(i);
        }),
      );
      fds.forEach((_, i) => flush(i));
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  };
  await nest([]);
}
