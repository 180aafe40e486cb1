// Signals gathered from a run's rows: per side (a group, or a group under a condition), per probe,
// the values of every signal, the samples with none, and a few answers that show each signal.
import type { ScoredRow } from '../eval/index.js';
import type { Battery, Probe } from './battery.js';
import { probeFields, type UncorrectedTest } from './findings.js';
import { shiftTest } from './stats.js';

const EXAMPLES_PER_SIGNAL = 3;

export interface ProbeSamples {
  values: Map<string, number[]>;
  missing: number;
  examples: Map<string, string[]>;
}

/** side -> probe id -> samples. */
export type CollectedSignals = Map<string, Map<string, ProbeSamples>>;

/** Reads every row once; `sideOf` names the side a row belongs to (undefined: not used). */
export function collectSignals(battery: Battery, rows: Iterable<ScoredRow>, sideOf: (row: ScoredRow) => string | undefined): CollectedSignals {
  const probes = new Map(battery.probes.map((p) => [p.question.id, p]));
  const out: CollectedSignals = new Map();
  for (const row of rows) {
    const side = sideOf(row);
    const probe = probes.get(row.question);
    if (side === undefined || !probe) continue;
    let bySide = out.get(side);
    if (!bySide) out.set(side, (bySide = new Map()));
    let samples = bySide.get(probe.question.id);
    if (!samples) bySide.set(probe.question.id, (samples = { values: new Map(battery.signalKeys(probe).map((k) => [k, []])), missing: 0, examples: new Map() }));
    const signals = battery.signals(probe, row);
    if (!signals) {
      samples.missing++;
      continue;
    }
    for (const [key, value] of signals) {
      samples.values.get(key)?.push(value);
      if (value > 0 && row.answer !== null) {
        const shown = samples.examples.get(key) ?? [];
        if (shown.length < EXAMPLES_PER_SIGNAL) samples.examples.set(key, [...shown, row.answer]);
      }
    }
  }
  return out;
}

const EMPTY: ProbeSamples = { values: new Map(), missing: 0, examples: new Map() };

/** The samples of one probe on one side (none when the side never answered it). */
export function samplesOf(collected: CollectedSignals, side: string, probe: Probe): ProbeSamples {
  return collected.get(side)?.get(probe.question.id) ?? EMPTY;
}

/** A signal that never shows on either side is no test: there is nothing to compare. */
export const shows = (...sides: readonly (readonly number[])[]): boolean => sides.some((values) => values.some((v) => v !== 0));

/** Every (probe, signal) of the battery, subject side against reference side, before correction. */
export function compareSides(battery: Battery, collected: CollectedSignals, subject: string, reference: string, seen: ReadonlySet<string>): UncorrectedTest[] {
  const tests: UncorrectedTest[] = [];
  for (const probe of battery.probes) {
    const s = samplesOf(collected, subject, probe);
    const r = samplesOf(collected, reference, probe);
    for (const key of battery.signalKeys(probe)) {
      const a = s.values.get(key) ?? [];
      const b = r.values.get(key) ?? [];
      if (!shows(a, b)) continue;
      const meaning = battery.meaning(key);
      const test = shiftTest(a, b, `${probe.question.id}|${key}`);
      tests.push({
        ...probeFields(probe, seen),
        signal: key,
        text: meaning.text,
        latents: meaning.latents,
        ...test,
        missingSubject: s.missing,
        missingReference: r.missing,
        examples: s.examples.get(key) ?? [],
      });
    }
  }
  return tests;
}
