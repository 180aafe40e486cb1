// weirdgen sandbox pretrain: a base model from scratch on the synthetic world, written as a checkpoint.
import { join } from 'node:path';
import { CHECKPOINT_EXTENSION, countParams, disposeModel, pretrain, saveCheckpoint, workspaceModelsDir } from '../../sandbox/index.js';
import { ensureWritableFileDir } from '../../util/output-dir.js';
import type { Context } from '../context.js';
import { formatInt } from '../io.js';
import { progressBar } from '../progress.js';

export interface PretrainFlags {
  steps: number;
  seed: number;
  worldSeed?: number;
  batchSize: number;
  workers?: number;
  out?: string;
}

export async function sandboxPretrain(ctx: Context, opts: PretrainFlags): Promise<void> {
  // Checked before minutes of training, not after.
  const out = ensureWritableFileDir(opts.out ?? join(workspaceModelsDir(ctx.workspace), `pretrained-${opts.seed}${CHECKPOINT_EXTENSION}`), '--out');
  const bar = ctx.json ? undefined : progressBar('pretrain', opts.steps, '{bar} {value}/{total} steps | loss {loss} | {rate} tok/s | eta {remaining}');
  const model = await pretrain({
    worldSeed: opts.worldSeed ?? opts.seed,
    seed: opts.seed,
    steps: opts.steps,
    batchSize: opts.batchSize,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    onProgress: (p) => bar?.update(p.step, { loss: p.loss.toFixed(3), rate: formatInt(Math.round(p.tokensPerSecond)) }),
  }).finally(() => bar?.stop());
  const bytes = await saveCheckpoint(model, out).finally(() => disposeModel(model));
  const summary = { file: out, bytes, parameters: countParams(model.config), ...model.meta };
  ctx.io.out(ctx.json ? JSON.stringify(summary) : `wrote ${out} (${formatInt(bytes)} bytes, ${formatInt(summary.parameters)} parameters)`);
}
