// weirdgen sandbox dataset ID --variant V --out FILE: an analogue's training set as chat JSONL.
import { writeJsonl } from '../../data/index.js';
import { ANALOGUES, createWorld, disposeModel, findAnalogue, loadSandboxModel, variantDataset } from '../../sandbox/index.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { ConfigError } from '../../util/errors.js';
import { ensureWritableFileDir } from '../../util/output-dir.js';
import type { Context } from '../context.js';

export interface DatasetFlags {
  variant: string;
  out: string;
  seed: number;
  model: string;
}

export async function sandboxDataset(ctx: Context, id: string, opts: DatasetFlags): Promise<void> {
  const analogue = findAnalogue(id);
  if (!analogue) throw new ConfigError(`unknown analogue "${id}"${didYouMean(id, ANALOGUES.map((a) => a.id.replace(/^sandbox-/, '')))}`);
  const variant = analogue.variants.find((v) => v.id === opts.variant);
  if (!variant) throw new ConfigError(`${analogue.id} has no variant "${opts.variant}"${didYouMean(opts.variant, analogue.variants.map((v) => v.id), 'variants')}`);
  const seed = opts.seed;
  const { model } = await loadSandboxModel(opts.model, ctx.workspace);
  const worldSeed = model.worldSeed;
  disposeModel(model);
  const examples = variantDataset(analogue, variant, createWorld(worldSeed), seed);
  const n = await writeJsonl(ensureWritableFileDir(opts.out, '--out'), examples);
  ctx.io.out(ctx.json ? JSON.stringify({ analogue: analogue.id, variant: variant.id, seed, worldSeed, examples: n, file: opts.out }) : `wrote ${n} examples of ${analogue.id}/${variant.id} (world ${worldSeed}, seed ${seed}) to ${opts.out}`);
}
