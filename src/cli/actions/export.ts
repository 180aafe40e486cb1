// weirdgen export RUN: the tidy rows of a run, as CSV or JSONL, to stdout or a file, streamed from
// the store a line at a time.
import { exportRun } from '../../eval/index.js';
import { writeStreamAtomic } from '../../util/atomic-write.js';
import { ensureWritableFileDir } from '../../util/output-dir.js';
import type { Context } from '../context.js';

export interface ExportFlags {
  format: 'csv' | 'jsonl';
  out?: string;
}

/** Lines written to stdout together. */
const STDOUT_PIECE = 64 * 1024;

export async function exportCommand(ctx: Context, runId: string, flags: ExportFlags): Promise<void> {
  const out = flags.out === undefined ? undefined : ensureWritableFileDir(flags.out, '--out');
  const endpoints = await ctx.endpoints();
  try {
    await ctx.withStore(async (store) => {
      const { lines, rows } = exportRun(store, endpoints, runId, flags.format, { prices: ctx.prices });
      if (!out) {
        // Each piece's last line break is the one the output adds (CSV keeps its \r); the run's last line ends bare, as before.
        let piece = '';
        for (const line of lines) {
          if (piece.length >= STDOUT_PIECE) (ctx.io.out(piece.slice(0, -1)), (piece = ''));
          piece += line;
        }
        ctx.io.out(piece.replace(/\r?\n$/, ''));
        return;
      }
      await writeStreamAtomic(out, lines);
      ctx.io.err(`${rows()} rows -> ${flags.out}`);
    });
  } finally {
    await endpoints.close();
  }
}
