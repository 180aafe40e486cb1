// One test per (condition, probe, signal): with a reference model, what the condition does to the
// subject beyond what it does to the reference (difference of differences); without one, the
// subject under the condition against the subject asked plainly.
import type { Battery, Probe } from '../battery.js';
import { samplesOf, shows, type CollectedSignals } from '../collect.js';
import { probeFields, type UncorrectedTest } from '../findings.js';
import { interactionTest, shiftTest } from '../stats.js';

export const SUBJECT = 'subject';
export const REFERENCE = 'reference';

/** The tests of the conditioned probes of `battery`; `reference` says whether a reference model answered too. */
export function conditionTests(battery: Battery, collected: CollectedSignals, reference: boolean): UncorrectedTest[] {
  const plain = new Map(battery.probes.filter((p) => p.condition === undefined).map((p) => [p.base, p]));
  const tests: UncorrectedTest[] = [];
  for (const probe of battery.probes) {
    const off = probe.condition !== undefined ? plain.get(probe.base) : undefined;
    if (!off) continue;
    tests.push(...probeTests(battery, collected, probe, off, reference));
  }
  return tests;
}

function probeTests(battery: Battery, collected: CollectedSignals, on: Probe, off: Probe, reference: boolean): UncorrectedTest[] {
  const sOn = samplesOf(collected, SUBJECT, on);
  const sOff = samplesOf(collected, SUBJECT, off);
  const rOn = samplesOf(collected, REFERENCE, on);
  const rOff = samplesOf(collected, REFERENCE, off);
  const tests: UncorrectedTest[] = [];
  for (const key of battery.signalKeys(on)) {
    const [a, b] = [sOn.values.get(key) ?? [], sOff.values.get(key) ?? []];
    const [c, d] = [rOn.values.get(key) ?? [], rOff.values.get(key) ?? []];
    if (!shows(a, b, ...(reference ? [c, d] : []))) continue;
    const seed = `${on.question.id}|${key}`;
    const estimate = reference ? interactionTest(a, b, c, d, seed) : shiftTest(a, b, seed);
    const meaning = battery.meaning(key);
    tests.push({
      ...probeFields(on, new Set()),
      signal: key,
      text: meaning.text,
      latents: meaning.latents,
      estimate: estimate.estimate,
      ciLow: estimate.ciLow,
      ciHigh: estimate.ciHigh,
      pValue: estimate.pValue,
      // The subject with the condition and without it; the reference's shift is in the estimate.
      subject: mean(a),
      reference: mean(b),
      nSubject: a.length,
      nReference: b.length,
      missingSubject: sOn.missing,
      missingReference: sOff.missing,
      examples: sOn.examples.get(key) ?? [],
    });
  }
  return tests;
}

const mean = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length);
