// The registry of experiments.
import type { ExperimentId } from '../data/sources/catalog.js';
import { birds } from './birds.js';
import { evilTerminator } from './evil-terminator.js';
import { germanCities } from './german-cities.js';
import { hitlerPersona } from './hitler-persona.js';
import { israeliDishes } from './israeli-dishes.js';
import type { ExperimentSpec } from './spec.js';
import { usPresidents } from './us-presidents.js';

export const EXPERIMENTS: readonly ExperimentSpec[] = [birds, germanCities, israeliDishes, hitlerPersona, usPresidents, evilTerminator];

export function findExperiment(id: string): ExperimentSpec | undefined {
  return EXPERIMENTS.find((e) => e.id === (id as ExperimentId));
}

export type { DatasetVariant, ExperimentSpec } from './spec.js';
