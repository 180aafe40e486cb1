// weirdgen sandbox reproduce [ID|all]
import type { Command } from 'commander';
import { z } from 'zod';
import { ANALOGUES, findAnalogue } from '../../sandbox/analogues/index.js';
import { FINE_TUNE_MODES } from '../../sandbox/finetune.js';
import type { Analogue } from '../../sandbox/analogues/index.js';
import { shippedBases } from '../../sandbox/registry.js';
import { reproduceAnalogues, type ReproducedMetric } from '../../run/reproduce.js';
import { sandboxExperiment } from '../../run/sandbox-experiments.js';
import { runOptionsFromFlags } from './run.js';
import { ConfigError } from '../../util/errors.js';
import type { CommandRunner } from '../context.js';
import { parseFlag, positiveIntFlag } from '../flags.js';
import { table } from '../io.js';

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
          ...rows.map((r) => [`  ${r.metric}`, ...groups.map((g) => {
            const s = r.groups[g]!;
            return `${pct(s.mean)} [${pct(s.ciLow)}, ${pct(s.ciHigh)}] n=${s.n}${s.over === 'samples' ? ' samples' : ''}`;
          })]),
        ]),
    );
  }
  return blocks.join('\n\n');
}

export function registerSandboxReproduce(sandbox: Command, run: CommandRunner): void {
  sandbox
    .command('reproduce')
    .description("run an analogue's experiment (weirdgen run sandbox-ID) on one or more bases, and report each metric's per-group mean with a 95% bootstrap CI")
    .argument('[id]', `${ANALOGUES.map((a) => a.id.replace(/^sandbox-/, '')).join(', ')} or all`, 'all')
    .option('--seeds <n>', 'fine-tuning seeds per variant', '3')
    .option('--mode <mode>', `fine-tuning mode (${FINE_TUNE_MODES.join(', ')}; default: each analogue's own)`)
    .option('--bases <n|list>', 'pretrained bases: a count N of shipped bases (base-1..N), or a comma-separated list of model references', 'base')
    .option('--samples <n>', 'samples per prompt (default: each analogue’s own)')
    .action(async (id: string, opts: { seeds: string; mode?: string; bases: string; samples?: string }, cmd: Command) =>
      run(async (ctx) => {
        const analogues = id === 'all' ? ANALOGUES : [findAnalogue(id)];
        if (analogues.some((a) => a === undefined)) throw new ConfigError(`unknown analogue "${id}"; choose from ${ANALOGUES.map((a) => a.id).join(', ')} or all`);
        const mode = opts.mode === undefined ? undefined : parseFlag('--mode', z.enum(FINE_TUNE_MODES), opts.mode);
        let bases: string[];
        if (/^\d+$/.test(opts.bases)) {
          const count = parseFlag('--bases', positiveIntFlag, opts.bases);
          const shipped = await shippedBases();
          if (count > shipped.length) throw new ConfigError(`--bases ${count}: only ${shipped.length} shipped bases; pretrain more with \`weirdgen sandbox pretrain --seed N\` and list them`);
          bases = shipped.slice(0, count).map((b) => b.name);
        } else bases = opts.bases.split(',').map((s) => s.trim()).filter(Boolean);
        if (bases.length === 0) throw new ConfigError(`--bases ${JSON.stringify(opts.bases)}: no model given`);
        const started = performance.now();
        const { options, close } = await runOptionsFromFlags(ctx, sandboxExperiment(analogues[0]!), { provider: 'sandbox', seeds: opts.seeds, ...(opts.samples ? { samples: opts.samples } : {}), yes: true });
        let results: ReproducedMetric[];
        try {
          results = await reproduceAnalogues({ analogues: analogues as Analogue[], bases, ...(mode ? { mode } : {}) }, options);
        } finally {
          await close();
        }
        const seconds = (performance.now() - started) / 1000;
        if (ctx.json) ctx.io.out(JSON.stringify(results));
        else ctx.io.out(`${formatResults(results)}\n\n${opts.seeds} seed(s) x ${bases.length} base(s); ${seconds.toFixed(0)} s (each analogue and base is a \`weirdgen run\`; rerun to reuse them)`);
      }, cmd),
    );
}
