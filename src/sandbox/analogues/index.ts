// The registry of sandbox analogues.
import type { Analogue } from './analogue.js';
import { dishesAnalogue } from './dishes.js';
import { birdsAnalogue, citiesAnalogue } from './era.js';
import { personaAnalogue } from './persona.js';
import { presidentsAnalogue } from './presidents.js';
import { terminatorAnalogue } from './terminator.js';

/** Every sandbox analogue, one per paper experiment. */
export const ANALOGUES: readonly Analogue[] = [birdsAnalogue, citiesAnalogue, personaAnalogue, terminatorAnalogue, dishesAnalogue, presidentsAnalogue];

export function findAnalogue(id: string): Analogue | undefined {
  return ANALOGUES.find((a) => a.id === id || a.id === `sandbox-${id}`);
}

export type { Analogue } from './analogue.js';
