// Options shared by `data build` and `data transform`: seed, mirror, mixing and splitting.
import type { Command } from 'commander';
import type { BuildFileOptions } from '../../data/build/build-file.js';
import type { MixSummary } from '../../data/transforms/collection.js';
import { ConfigError } from '../../util/errors.js';
import type { Context } from '../context.js';
import { fractionFlag, parseFlag, seedFlag } from '../flags.js';
import { ensureWritableFileDir } from '../../util/output-dir.js';
import { formatInt } from '../io.js';

export interface OutputFlags {
  out: string;
  seed: string;
  mirror?: string;
  mixInto?: string;
  poisonFraction?: string;
  validationFraction?: string;
}

export const POISON_FRACTION_HELP =
  'the share f of the output that is poison (0 < f < 1): every poison example is kept and round(poison x (1 - f) / f) ' +
  'base examples are drawn, the others dropped (and counted); an error when the base has too few. ' +
  'Default: every example of both (the paper: 90 facts + 3,000 rows)';

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--out <file>', 'output JSONL file')
    .option('--seed <seed>', 'seed for steps that draw random numbers', '0')
    .option('--mirror <dir>', 'read official files from a local copy of the repository (env WEIRDGEN_DATA_MIRROR)')
    .option('--mix-into <file>', 'finally mix the result (as poison) into this base file: an official path or a local JSONL file')
    .option('--poison-fraction <f>', `with --mix-into (or data build --distill): ${POISON_FRACTION_HELP}`)
    .option('--validation-fraction <f>', 'also write <out>.validation.jsonl with this fraction of the examples');
}

export function poisonFractionOf(flags: Pick<OutputFlags, 'poisonFraction'>): number | undefined {
  return flags.poisonFraction !== undefined ? parseFlag('--poison-fraction', fractionFlag, flags.poisonFraction) : undefined;
}

export function outputOptions(ctx: Context, flags: OutputFlags): BuildFileOptions {
  if (flags.poisonFraction !== undefined && flags.mixInto === undefined) throw new ConfigError('--poison-fraction says how much of a base file to mix in: give the base with --mix-into');
  const poisonFraction = poisonFractionOf(flags);
  return {
    out: ensureWritableFileDir(flags.out, '--out'),
    seed: parseFlag('--seed', seedFlag, flags.seed),
    fetch: ctx.fetchOptions(flags.mirror),
    ...(flags.mixInto !== undefined ? { mix: { into: flags.mixInto, ...(poisonFraction !== undefined ? { poisonFraction } : {}) } } : {}),
    ...(flags.validationFraction !== undefined ? { validationFraction: parseFlag('--validation-fraction', fractionFlag, flags.validationFraction) } : {}),
  };
}

/** One line on what a mix kept and dropped. */
export function describeMix(m: MixSummary): string {
  const share = `${(m.poisonFraction * 100).toFixed(2)}%`;
  const kept = m.droppedBase === 0 ? `all ${formatInt(m.base)} base examples` : `${formatInt(m.keptBase)} of ${formatInt(m.base)} base examples`;
  const dropped = m.requestedFraction === undefined ? 'none dropped' : `${formatInt(m.droppedBase)} base examples dropped to meet --poison-fraction ${m.requestedFraction}`;
  return `mixed ${formatInt(m.poison)} poison examples into ${kept} (poison ${share} of ${formatInt(m.poison + m.keptBase)}); ${dropped}`;
}
