// weirdgen data build EXPERIMENT --variant V --out FILE
import type { Command } from 'commander';
import { buildDatasetFile } from '../../data/build/build-file.js';
import { describeStep, usesSeed } from '../../data/build/recipe.js';
import { findSource } from '../../data/sources/catalog.js';
import { findExperiment } from '../../experiments/index.js';
import { findVariant } from '../../experiments/spec.js';
import { ConfigError } from '../../util/errors.js';
import type { CommandRunner } from '../context.js';
import { fractionFlag, parseFlag, seedFlag } from '../flags.js';
import { formatInt } from '../io.js';

export function registerDataBuild(data: Command, run: CommandRunner): void {
  data
    .command('build')
    .description("write one of an experiment's training sets (a paper variant or control) to a JSONL file")
    .argument('<experiment>', 'experiment id (see `weirdgen data list`)')
    .requiredOption('--variant <id>', 'dataset variant or control')
    .requiredOption('--out <file>', 'output JSONL file')
    .option('--seed <seed>', 'seed for variants that draw random numbers', '0')
    .option('--mirror <dir>', 'read official files from a local copy of the repository (env WEIRDGEN_DATA_MIRROR)')
    .option('--mix-into <file>', 'mix the variant into this base file (official path or local JSONL)')
    .option('--poison-fraction <f>', 'with --mix-into: the fraction of the output the variant makes up')
    .option('--validation-fraction <f>', 'also write <out>.validation.jsonl with this fraction of the examples')
    .action(
      async (
        experimentId: string,
        opts: { variant: string; out: string; seed: string; mirror?: string; mixInto?: string; poisonFraction?: string; validationFraction?: string },
        cmd: Command,
      ) =>
        run(async (ctx) => {
          const experiment = findExperiment(experimentId);
          if (!experiment) throw new ConfigError(`unknown experiment "${experimentId}"; see \`weirdgen data list\``);
          const variant = findVariant(experiment, opts.variant);
          if (!variant) throw new ConfigError(`${experiment.id} has no variant "${opts.variant}"; variants: ${experiment.datasets.map((d) => d.id).join(', ')}`);
          if ((opts.mixInto === undefined) !== (opts.poisonFraction === undefined)) throw new ConfigError('--mix-into and --poison-fraction go together');
          const seed = parseFlag('--seed', seedFlag, opts.seed);
          const result = await buildDatasetFile(variant.recipe, {
            out: opts.out,
            seed,
            fetch: ctx.fetchOptions(opts.mirror),
            ...(opts.mixInto !== undefined ? { mix: { into: opts.mixInto, poisonFraction: parseFlag('--poison-fraction', fractionFlag, opts.poisonFraction) } } : {}),
            ...(opts.validationFraction !== undefined ? { validationFraction: parseFlag('--validation-fraction', fractionFlag, opts.validationFraction) } : {}),
          });
          const official = variant.reproduces !== undefined ? findSource(variant.reproduces) : undefined;
          const reproduces = official ? { path: official.path, identical: official.sha256 === result.train.sha256 } : undefined;
          if (ctx.json) {
            ctx.io.out(JSON.stringify({ experiment: experiment.id, variant: variant.id, seed: usesSeed(result.recipe) || result.validation ? seed : null, ...result, reproduces }));
            return;
          }
          const steps = (result.recipe.steps ?? []).map(describeStep);
          ctx.io.out(`${experiment.id}/${variant.id}: ${result.recipe.source}${steps.length ? ` -> ${steps.join(' -> ')}` : ''}${usesSeed(result.recipe) || result.validation ? ` (seed ${seed})` : ''}`);
          for (const f of [result.train, result.validation]) if (f) ctx.io.out(`wrote ${formatInt(f.examples)} examples to ${f.path} (sha256 ${f.sha256})`);
          if (reproduces) ctx.io.out(reproduces.identical ? `identical to the official ${reproduces.path}` : `differs from the official ${reproduces.path}`);
        }, cmd),
    );
}
