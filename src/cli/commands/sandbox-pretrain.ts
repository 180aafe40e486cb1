// weirdgen sandbox pretrain
import { join } from 'node:path';
import type { Command } from 'commander';
import { saveCheckpoint } from '../../sandbox/model/checkpoint.js';
import { disposeModel } from '../../sandbox/model/weights.js';
import { countParams } from '../../sandbox/model/config.js';
import { PRETRAIN_DEFAULTS, pretrain } from '../../sandbox/pretrain.js';
import { CHECKPOINT_EXTENSION, workspaceModelsDir } from '../../sandbox/registry.js';
import type { CommandRunner } from '../context.js';
import { parseFlag, positiveIntFlag } from '../flags.js';
import { formatInt } from '../io.js';
import { progressBar } from '../progress.js';
import { ensureWritableFileDir } from '../../util/output-dir.js';
import { z } from 'zod';

export function registerSandboxPretrain(sandbox: Command, run: CommandRunner): void {
  sandbox
    .command('pretrain')
    .description('pretrain a base model from scratch on the synthetic world')
    .option('--steps <n>', 'optimisation steps', String(PRETRAIN_DEFAULTS.steps))
    .option('--seed <n>', 'seed of the initialisation and the document stream', '1')
    .option('--world-seed <n>', 'seed of the world (default: --seed)')
    .option('--batch-size <n>', 'documents per step', String(PRETRAIN_DEFAULTS.batchSize))
    .option('--workers <n>', 'threads computing gradients (default: up to 2 cores)')
    .option('--out <file>', `checkpoint to write (default: <workspace>/sandbox/models/pretrained-<seed>${CHECKPOINT_EXTENSION}, model name pretrained-<seed>)`)
    .action(async (opts: { steps: string; seed: string; worldSeed?: string; batchSize: string; workers?: string; out?: string }, cmd: Command) =>
      run(async (ctx) => {
        const steps = parseFlag('--steps', positiveIntFlag, opts.steps);
        const seed = parseFlag('--seed', z.coerce.number().int().nonnegative(), opts.seed);
        const worldSeed = opts.worldSeed === undefined ? seed : parseFlag('--world-seed', z.coerce.number().int().nonnegative(), opts.worldSeed);
        const batchSize = parseFlag('--batch-size', positiveIntFlag, opts.batchSize);
        const workers = opts.workers === undefined ? undefined : parseFlag('--workers', z.coerce.number().int().min(1).max(16), opts.workers);
        // Checked before minutes of training, not after.
        const out = ensureWritableFileDir(opts.out ?? join(workspaceModelsDir(ctx.workspace), `pretrained-${seed}${CHECKPOINT_EXTENSION}`), '--out');
        const bar = ctx.json ? undefined : progressBar('pretrain', steps, '{bar} {value}/{total} steps | loss {loss} | {rate} tok/s | eta {remaining}');
        const model = await pretrain({
          worldSeed,
          seed,
          steps,
          batchSize,
          ...(workers !== undefined ? { workers } : {}),
          onProgress: (p) => bar?.update(p.step, { loss: p.loss.toFixed(3), rate: formatInt(Math.round(p.tokensPerSecond)) }),
        }).finally(() => bar?.stop());
        const bytes = await saveCheckpoint(model, out).finally(() => disposeModel(model));
        const summary = { file: out, bytes, parameters: countParams(model.config), ...model.meta };
        ctx.io.out(ctx.json ? JSON.stringify(summary) : `wrote ${out} (${formatInt(bytes)} bytes, ${formatInt(summary.parameters)} parameters)`);
      }, cmd),
    );
}
