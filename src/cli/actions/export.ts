// weirdgen export RUN: the tidy rows of a run, as CSV or JSONL, to stdout or a file.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportRows, loadRunRows } from '../../eval/index.js';
import { ensureWritableFileDir } from '../../util/output-dir.js';
import type { Context } from '../context.js';

export interface ExportFlags {
  format: 'csv' | 'jsonl';
  out?: string;
}

export async function exportCommand(ctx: Context, runId: string, flags: ExportFlags): Promise<void> {
  const out = flags.out === undefined ? undefined : ensureWritableFileDir(flags.out, '--out');
  const endpoints = await ctx.endpoints();
  try {
    await ctx.withStore(async (store) => {
      const rows = loadRunRows(store, endpoints, runId);
      if (!out) {
        ctx.io.out([...exportRows(rows, flags.format)].join('').replace(/\r?\n$/, ''));
        return;
      }
      const stream = createWriteStream(out);
      for (const chunk of exportRows(rows, flags.format)) if (!stream.write(chunk)) await once(stream, 'drain');
      stream.end();
      await once(stream, 'finish');
      ctx.io.err(`${rows.length} rows -> ${flags.out}`);
    });
  } finally {
    await endpoints.close();
  }
}
