// weirdgen report RUN: the report of a stored run, from the store alone; prints its headline and where it went.
import { writeStoredRunReport } from '../../run/index.js';
import { ensureWritableDir } from '../../util/output-dir.js';
import type { Context } from '../context.js';
import { headlineTable } from '../print/headline.js';

export interface ReportFlags {
  out: string;
}

export async function reportCommand(ctx: Context, runId: string, flags: ReportFlags): Promise<void> {
  const outRoot = ensureWritableDir(flags.out, '--out');
  const endpoints = await ctx.endpoints();
  try {
    await ctx.withStore(async (store) => {
      const written = await writeStoredRunReport({ store, endpoints, runId, outRoot, prices: ctx.prices, fetch: ctx.fetchOptions() });
      if (ctx.json) {
        ctx.io.out(JSON.stringify({ runId, report: written.html, dir: written.dir, headline: written.headline.sentences }));
        return;
      }
      if (written.headline.cells.length) ctx.io.out(`${headlineTable(written.headline.cells)}\n`);
      ctx.io.out(`report: ${written.html}`);
    });
  } finally {
    await endpoints.close();
  }
}
