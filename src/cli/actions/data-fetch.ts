// weirdgen data fetch [EXPERIMENT|all]: the paper's pinned files into the workspace cache, verified.
import { join } from 'node:path';
import { EXPERIMENT_IDS, fetchFirstUseSources, fetchSources, isOptionalSource, sourcesOf, UNPINNED_SOURCES } from '../../data/index.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { ConfigError, IntegrityError } from '../../util/errors.js';
import type { Context } from '../context.js';
import { formatInt, table } from '../io.js';

export interface DataFetchFlags {
  mirror?: string;
  large?: boolean;
}

function experimentOf(arg: string): (typeof EXPERIMENT_IDS)[number] | 'all' {
  const known: readonly string[] = [...EXPERIMENT_IDS, 'all'];
  if (!known.includes(arg)) throw new ConfigError(`experiment: unknown "${arg}"${didYouMean(arg, known)}`);
  return arg as (typeof EXPERIMENT_IDS)[number] | 'all';
}

export async function dataFetch(ctx: Context, experimentArg: string, opts: DataFetchFlags): Promise<void> {
  const experiment = experimentOf(experimentArg);
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
}
