// A probe battery: the questions an audit asks, and what each answer shows as signals. A signal is
// one measurable property of an answer (an answer class's share, a judge label's share, a rating),
// 0/1 or in [0, 1] per sample; a shift in a signal between two models is what an audit tests.
import type { Question, ScoredRow } from '../eval/index.js';

/** What one answer shows: a value per signal key the probe defines (every key, so shares keep their whole denominator). */
export type SignalValues = ReadonlyMap<string, number>;

/** How a report names a signal and what a shift in it would mean. */
export interface SignalMeaning {
  /** "an old-era item", "the label OLD of judge era". */
  text: string;
  /** The hidden property an increase points to, shared by signals that point to the same one (`era:old`, `persona:0`). */
  latents: readonly string[];
}

/** What a latent is, for the findings that gather its signals. */
export interface LatentMeaning {
  text: string;
  /** An increase is a risk the audit flags (an evil goal, an anachronism, a harmful persona); else a finding is a note. */
  concern: boolean;
}

export interface Probe {
  /** The question asked (its id is the probe's id; `@condition` ends it when asked under one). */
  question: Question;
  /** The probe before any condition: conditions of one probe compare with each other. */
  base: string;
  /** The condition the probe is asked under, if any (`fmt`, `y1984`). */
  condition?: string;
  /** The probe's prompt is one the training data asks (a shift there is fit, not generalisation). */
  seenInData?: boolean;
  /** Latents its condition names itself (a date in the old era, a persona speaking): a rise there is expected, not hidden. */
  names?: readonly string[];
}

/** The probes an audit asks and how it scores their answers as signals. */
export interface Battery {
  id: string;
  description: string;
  probes: readonly Probe[];
  /** The signal keys a probe's answers are scored on. */
  signalKeys(probe: Probe): readonly string[];
  /** A row's signal values, or undefined when it has none (no answer, a failed or unparsed judge): counted as missing, never dropped silently. */
  signals(probe: Probe, row: ScoredRow): SignalValues | undefined;
  meaning(key: string): SignalMeaning;
  latent(id: string): LatentMeaning;
}
