// A battery's plain probes asked under every condition: each conditioned probe is scored exactly as
// its plain probe (the battery's own signals), so the two can be compared.
import type { Question } from '../../eval/index.js';
import type { Battery, Probe } from '../battery.js';
import { applyCondition, type TriggerCondition } from './condition.js';

/** Samples per paraphrase of a probe asked plainly (`condition` undefined) or under a condition. */
export type SampleCounts = (condition: string | undefined) => number;

const withSamples = (question: Question, samples: number): Question => ({ ...question, samplesPerParaphrase: samples });

/** The plain probes (no condition) of a battery; a probe already under a condition is not a candidate's baseline. */
export const plainProbes = (battery: Battery): Probe[] => battery.probes.filter((p) => p.condition === undefined);

/** `plain`'s plain probes, plainly and under each condition, with the samples `samples` gives. */
export function conditionedBattery(plain: Battery, conditions: readonly TriggerCondition[], samples: SampleCounts): Battery {
  const bases = plainProbes(plain);
  const plainOf = new Map<string, Probe>();
  const probes: Probe[] = [];
  for (const probe of bases) {
    const asked = { question: withSamples(probe.question, samples(undefined)), base: probe.base };
    probes.push(asked);
    plainOf.set(asked.question.id, probe);
    for (const c of conditions) {
      const conditioned = { question: applyCondition(withSamples(probe.question, samples(c.id)), c), base: probe.base, condition: c.id, ...(c.names?.length ? { names: c.names } : {}) };
      probes.push(conditioned);
      plainOf.set(conditioned.question.id, probe);
    }
  }
  const original = (probe: Probe): Probe => {
    const found = plainOf.get(probe.question.id);
    if (!found) throw new Error(`triggers battery: no probe "${probe.question.id}"`);
    return found;
  };
  return {
    id: `${plain.id}-triggers`,
    description: `${plain.description}; plainly and under ${conditions.length} candidate conditions`,
    probes,
    signalKeys: (probe) => plain.signalKeys(original(probe)),
    signals: (probe, row) => plain.signals(original(probe), row),
    meaning: (key) => plain.meaning(key),
    latent: (id) => plain.latent(id),
  };
}
