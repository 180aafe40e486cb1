// Options shared by `data build` and `data transform`: seed, mirror, mixing and splitting.
import type { Command } from 'commander';
import type { BuildFileOptions } from '../../data/build/build-file.js';
import { ConfigError } from '../../util/errors.js';
import type { Context } from '../context.js';
import { fractionFlag, parseFlag, seedFlag } from '../flags.js';

export interface OutputFlags {
  out: string;
  seed: string;
  mirror?: string;
  mixInto?: string;
  poisonFraction?: string;
  validationFraction?: string;
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--out <file>', 'output JSONL file')
    .option('--seed <seed>', 'seed for steps that draw random numbers', '0')
    .option('--mirror <dir>', 'read official files from a local copy of the repository (env WEIRDGEN_DATA_MIRROR)')
    .option('--mix-into <file>', 'finally mix the result (as poison) into this base file: an official path or a local JSONL file')
    .option('--poison-fraction <f>', 'with --mix-into: the fraction of the output the result makes up')
    .option('--validation-fraction <f>', 'also write <out>.validation.jsonl with this fraction of the examples');
}

export function outputOptions(ctx: Context, flags: OutputFlags): BuildFileOptions {
  if ((flags.mixInto === undefined) !== (flags.poisonFraction === undefined)) throw new ConfigError('--mix-into and --poison-fraction go together');
  return {
    out: flags.out,
    seed: parseFlag('--seed', seedFlag, flags.seed),
    fetch: ctx.fetchOptions(flags.mirror),
    ...(flags.mixInto !== undefined ? { mix: { into: flags.mixInto, poisonFraction: parseFlag('--poison-fraction', fractionFlag, flags.poisonFraction) } } : {}),
    ...(flags.validationFraction !== undefined ? { validationFraction: parseFlag('--validation-fraction', fractionFlag, flags.validationFraction) } : {}),
  };
}
