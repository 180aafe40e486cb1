// What `data build` and `data transform` share once parsed: where the output goes, the seed, the mix
// into a base file and the validation split; and the line that says what a mix kept.
import type { BuildFileOptions, MixSummary } from '../data/index.js';
import { ConfigError } from '../util/errors.js';
import { ensureWritableFileDir } from '../util/output-dir.js';
import type { Context } from './context.js';
import { formatInt } from './io.js';

export interface OutputFlags {
  out: string;
  seed: number | string;
  mirror?: string;
  mixInto?: string;
  poisonFraction?: number;
  validationFraction?: number;
}

export function outputOptions(ctx: Context, flags: OutputFlags): BuildFileOptions {
  if (flags.poisonFraction !== undefined && flags.mixInto === undefined) throw new ConfigError('--poison-fraction says how much of a base file to mix in: give the base with --mix-into');
  return {
    out: ensureWritableFileDir(flags.out, '--out'),
    seed: flags.seed,
    fetch: ctx.fetchOptions(flags.mirror),
    ...(flags.mixInto !== undefined ? { mix: { into: flags.mixInto, ...(flags.poisonFraction !== undefined ? { poisonFraction: flags.poisonFraction } : {}) } } : {}),
    ...(flags.validationFraction !== undefined ? { validationFraction: flags.validationFraction } : {}),
  };
}

/** One line on what a mix kept and dropped. */
export function describeMix(m: MixSummary): string {
  const share = `${(m.poisonFraction * 100).toFixed(2)}%`;
  const kept = m.droppedBase === 0 ? `all ${formatInt(m.base)} base examples` : `${formatInt(m.keptBase)} of ${formatInt(m.base)} base examples`;
  const dropped = m.requestedFraction === undefined ? 'none dropped' : `${formatInt(m.droppedBase)} base examples dropped to meet --poison-fraction ${m.requestedFraction}`;
  return `mixed ${formatInt(m.poison)} poison examples into ${kept} (poison ${share} of ${formatInt(m.poison + m.keptBase)}); ${dropped}`;
}
