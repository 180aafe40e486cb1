// weirdgen sandbox reproduce [ID|all]: each analogue's `weirdgen run` on one or more bases, and each
// metric's per-group mean with a 95% bootstrap CI.
import { reproduceAnalogues, sandboxExperiment, type ReproducedMetric } from '../../run/index.js';
import { ANALOGUES, findAnalogue, shippedBases, type Analogue, type FineTuneMode } from '../../sandbox/index.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { ConfigError } from '../../util/errors.js';
import type { Context } from '../context.js';
import { table } from '../io.js';
import { withRunOptions } from '../run-options.js';

export interface ReproduceFlags {
  seeds: number;
  mode?: FineTuneMode;
  /** A count N of shipped bases, or a comma-separated list of model references. */
  bases: string;
  samples?: number;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function formatResults(results: readonly ReproducedMetric[]): string {
  const blocks: string[] = [];
  for (const experiment of [...new Set(results.map((r) => r.experiment))]) {
    const rows = results.filter((r) => r.experiment === experiment);
    const groups = Object.keys(rows[0]!.groups);
    blocks.push(
      `${experiment} (mode ${rows[0]!.mode})\n` +
        table([
          ['  metric', ...groups],
          ...rows.map((r) => [
            `  ${r.metric}`,
            ...groups.map((g) => {
              const s = r.groups[g]!;
              return `${pct(s.mean)} [${pct(s.ciLow)}, ${pct(s.ciHigh)}] n=${s.n}${s.over === 'samples' ? ' samples' : ''}`;
            }),
          ]),
        ]),
    );
  }
  return blocks.join('\n\n');
}

async function basesOf(flag: string): Promise<string[]> {
  if (/^\d+$/.test(flag)) {
    const count = Number(flag);
    const shipped = await shippedBases();
    if (count < 1) throw new ConfigError(`--bases ${flag}: give at least 1`);
    if (count > shipped.length) throw new ConfigError(`--bases ${count}: only ${shipped.length} shipped bases; pretrain more with \`weirdgen sandbox pretrain --seed N\` and list them`);
    return shipped.slice(0, count).map((b) => b.name);
  }
  const bases = flag.split(',').map((s) => s.trim()).filter(Boolean);
  if (bases.length === 0) throw new ConfigError(`--bases ${JSON.stringify(flag)}: no model given`);
  return bases;
}

function analoguesOf(id: string): Analogue[] {
  if (id === 'all') return [...ANALOGUES];
  const analogue = findAnalogue(id);
  if (!analogue) throw new ConfigError(`unknown analogue "${id}"${didYouMean(id, [...ANALOGUES.map((a) => a.id.replace(/^sandbox-/, '')), 'all'])}`);
  return [analogue];
}

export async function sandboxReproduce(ctx: Context, id: string, opts: ReproduceFlags): Promise<void> {
  const analogues = analoguesOf(id);
  const bases = await basesOf(opts.bases);
  const started = performance.now();
  const flags = { endpoint: 'sandbox', seeds: opts.seeds, ...(opts.samples !== undefined ? { samples: opts.samples } : {}), yes: true };
  const results = await withRunOptions(ctx, sandboxExperiment(analogues[0]!), flags, (options) => reproduceAnalogues({ analogues, bases, ...(opts.mode ? { mode: opts.mode } : {}) }, options));
  const seconds = (performance.now() - started) / 1000;
  if (ctx.json) ctx.io.out(JSON.stringify(results));
  else ctx.io.out(`${formatResults(results)}\n\n${opts.seeds} seed(s) x ${bases.length} base(s); ${seconds.toFixed(0)} s (each analogue and base is a \`weirdgen run\`; rerun to reuse them)`);
}
