// weirdgen data fetch [EXPERIMENT|all]
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { EXPERIMENT_IDS, isOptionalSource, sourcesOf, UNPINNED_SOURCES } from '../../data/sources/catalog.js';
import { fetchFirstUseSources } from '../../data/sources/first-use.js';
import { fetchSources } from '../../data/sources/fetch.js';
import { IntegrityError } from '../../util/errors.js';
import type { CommandRunner } from '../context.js';
import { parseFlag } from '../flags.js';
import { formatInt, table } from '../io.js';

export function registerDataFetch(data: Command, run: CommandRunner): void {
  data
    .command('fetch')
    .description("download the paper's official files into the workspace cache and verify their sha256")
    .argument('[experiment]', `one of ${EXPERIMENT_IDS.join(', ')}, or all`, 'all')
    .option('--mirror <dir>', 'read the files from a local copy of the repository instead of downloading (env WEIRDGEN_DATA_MIRROR)')
    .option('--large', 'also the files with no pin yet (the persona self-distillation sets, over 4 MiB): the first fetch records their sha256')
    .action(async (experimentArg: string, opts: { mirror?: string; large?: boolean }, cmd: Command) =>
      run(async (ctx) => {
        const experiment = parseFlag('experiment', z.enum([...EXPERIMENT_IDS, 'all']), experimentArg);
        const fetched = await fetchSources(sourcesOf(experiment), ctx.fetchOptions(opts.mirror));
        // An optional file that cannot be had is a note; one with the wrong bytes is still an error.
        const isUnavailable = (f: (typeof fetched.failed)[number]) => isOptionalSource(f.source) && !(f.error instanceof IntegrityError);
        const unavailable = fetched.failed.filter(isUnavailable);
        const summary = { fetched: fetched.fetched, failed: fetched.failed.filter((f) => !isUnavailable(f)) };
        const large = opts.large ? await fetchFirstUseSources(UNPINNED_SOURCES.filter((s) => experiment === 'all' || s.experiment === experiment), ctx.fetchOptions(opts.mirror)) : { fetched: [], failed: [] };
        if (summary.failed.length + large.failed.length > 0) ctx.exitCode = 1;
        if (ctx.json) {
          ctx.io.out(
            JSON.stringify({
              fetched: summary.fetched.map((f) => ({ path: f.source.path, sha256: f.source.sha256, bytes: f.source.bytes, origin: f.origin, local: f.path })),
              firstUse: large.fetched.map((f) => ({ path: f.source.path, sha256: f.sha256, bytes: f.bytes, origin: f.origin, local: f.path, recorded: f.recorded })),
              failed: [...summary.failed, ...large.failed].map((f) => ({ path: f.source.path, error: f.error.message })),
              unavailable: unavailable.map((f) => ({ path: f.source.path, kind: f.source.kind, error: f.error.message })),
            }),
          );
          return;
        }
        if (summary.fetched.length > 0) {
          ctx.io.out(table([['file', 'bytes', 'sha256', 'from'], ...summary.fetched.map((f) => [f.source.path, formatInt(f.source.bytes), f.source.sha256.slice(0, 12), f.origin])]));
        }
        for (const f of large.fetched) ctx.io.out(`${f.source.path}: sha256 ${f.sha256} (${formatInt(f.bytes)} bytes), ${f.recorded ? 'recorded now, on first fetch: later fetches must match it' : 'matches the pin recorded on first fetch'}`);
        for (const f of [...summary.failed, ...large.failed]) ctx.io.err(`error: ${f.error.message}`);
        for (const f of unavailable) ctx.io.err(`note: ${f.source.path} (${f.source.kind}, optional) is not available: ${f.error.message}; weirdgen uses its own prompts without it`);
        // Every file asked for counts: the pinned ones and, with --large, the first-use ones.
        const verified = summary.fetched.length + large.fetched.length;
        const failed = summary.failed.length + large.failed.length;
        ctx.io.out(`${verified} verified, ${failed} failed${unavailable.length ? `, ${unavailable.length} optional not available` : ''}; cached under ${join(ctx.workspace, 'sources')}`);
      }, cmd),
    );
}
