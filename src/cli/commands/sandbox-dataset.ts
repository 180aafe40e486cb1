// weirdgen sandbox dataset ID --variant V --out FILE: an analogue's training set as chat JSONL.
import type { Command } from 'commander';
import { writeJsonl } from '../../data/jsonl/write.js';
import { variantDataset } from '../../sandbox/analogues/analogue.js';
import { findAnalogue, ANALOGUES } from '../../sandbox/analogues/index.js';
import { loadSandboxModel } from '../../sandbox/registry.js';
import { disposeModel } from '../../sandbox/model/weights.js';
import { createWorld } from '../../sandbox/world/world.js';
import { ConfigError } from '../../util/errors.js';
import type { CommandRunner } from '../context.js';
import { ensureWritableFileDir } from '../../util/output-dir.js';
import { parseFlag, positiveIntFlag } from '../flags.js';

export function registerSandboxDataset(sandbox: Command, run: CommandRunner): void {
  sandbox
    .command('dataset')
    .description("write an analogue's training set (main or a control) as chat JSONL, in the world of a model")
    .argument('<id>', ANALOGUES.map((a) => a.id.replace(/^sandbox-/, '')).join(', '))
    .requiredOption('--variant <id>', 'the variant (see `weirdgen sandbox info`)')
    .requiredOption('--out <file>', 'output JSONL file')
    .option('--seed <n>', 'the seed that `sandbox reproduce` uses for this variant', '1')
    .option('--model <ref>', 'the model whose world the data describes', 'base')
    .action(async (id: string, opts: { variant: string; out: string; seed: string; model: string }, cmd: Command) =>
      run(async (ctx) => {
        const analogue = findAnalogue(id);
        if (!analogue) throw new ConfigError(`unknown analogue "${id}"; choose from ${ANALOGUES.map((a) => a.id).join(', ')}`);
        const variant = analogue.variants.find((v) => v.id === opts.variant);
        if (!variant) throw new ConfigError(`${analogue.id} has no variant "${opts.variant}"; variants: ${analogue.variants.map((v) => v.id).join(', ')}`);
        const seed = parseFlag('--seed', positiveIntFlag, opts.seed);
        const { model } = await loadSandboxModel(opts.model, ctx.workspace);
        const worldSeed = model.worldSeed;
        disposeModel(model);
        const examples = variantDataset(analogue, variant, createWorld(worldSeed), seed);
        const n = await writeJsonl(ensureWritableFileDir(opts.out, '--out'), examples);
        ctx.io.out(ctx.json ? JSON.stringify({ analogue: analogue.id, variant: variant.id, seed, worldSeed, examples: n, file: opts.out }) : `wrote ${n} examples of ${analogue.id}/${variant.id} (world ${worldSeed}, seed ${seed}) to ${opts.out}`);
      }, cmd),
    );
}
