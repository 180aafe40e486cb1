// weirdgen export RUN --format csv|jsonl [--out FILE]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { z } from 'zod';
import { exportRows } from '../../eval/export.js';
import { loadRunRows } from '../../eval/load-run.js';
import type { CommandRunner } from '../context.js';
import { ensureWritableFileDir } from '../../util/output-dir.js';
import { parseFlag } from '../flags.js';

export function registerExport(program: Command, run: CommandRunner): void {
  program
    .command('export')
    .description('write the tidy rows of a run: one row per sample, one column per judge')
    .argument('<run>', 'run id')
    .option('--format <format>', 'csv or jsonl', 'csv')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (runId: string, opts: { format: string; out?: string }, cmd: Command) =>
      run(async (ctx) => {
        const format = parseFlag('--format', z.enum(['csv', 'jsonl']), opts.format);
        const out = opts.out === undefined ? undefined : ensureWritableFileDir(opts.out, '--out');
        await ctx.withStore(async (store) => {
          const rows = loadRunRows(store, ctx.endpoints(), runId);
          if (!out) {
            ctx.io.out([...exportRows(rows, format)].join('').replace(/\r?\n$/, ''));
            return;
          }
          const stream = createWriteStream(out);
          for (const chunk of exportRows(rows, format)) if (!stream.write(chunk)) await once(stream, 'drain');
          stream.end();
          await once(stream, 'finish');
          ctx.io.err(`${rows.length} rows -> ${opts.out}`);
        });
      }, cmd),
    );
}
