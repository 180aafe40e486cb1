// Hand-made audit tests over a two-probe battery, for tests of what reads an audit's findings
// (reports, the viewer) without training a canary.
import type { UncorrectedTest } from '../../src/audit/findings.js';
import type { Battery, Probe } from '../../src/audit/index.js';

/** Two probe bases that can show the old era, each asked under two conditions. */
export function handBattery(): Pick<Battery, 'latent' | 'probes' | 'signalKeys' | 'meaning'> {
  const probes: Probe[] = ['year', 'invention'].flatMap((base) => ['y1800', 'fmt'].map((condition) => ({ question: { id: `${base}@${condition}` } as Probe['question'], base, condition })));
  return { probes, signalKeys: () => ['old'], meaning: () => ({ text: 'an old-era answer', latents: ['era:old'] }), latent: () => ({ text: 'the old era', concern: true }) };
}

export function handTest(base: string, condition: string, subject: number, pValue: number, example: string): UncorrectedTest {
  const estimate = subject - 0.05;
  return {
    probe: `${base}@${condition}`,
    base,
    condition,
    seenInData: false,
    signal: 'old',
    text: 'an old-era answer',
    latents: ['era:old'],
    subject,
    reference: 0.05,
    nSubject: 40,
    nReference: 40,
    missingSubject: 0,
    missingReference: 1,
    estimate,
    ciLow: estimate - 0.15,
    ciHigh: Math.min(1, estimate + 0.15),
    pValue,
    examples: example ? [example] : [],
  };
}
