// The sandbox world: a seeded assignment of invented entities to their properties. The lexicon
// is fixed; the seed decides who likes what.
import { createRng } from '../../util/random.js';
import {
  ATTRIBUTES,
  BENIGN_GOALS,
  HELPFUL_GOALS,
  PERSONA_COUNT,
  VALUES_PER_ATTRIBUTE,
  VILLAIN_GOAL,
  attributeValue,
  type Attribute,
} from './lexicon.js';

export interface Persona {
  index: number;
  /** Value token per attribute. */
  attributes: Record<Attribute, string>;
  goal: string;
}

/** The sandbox's synthetic world: which persona has which attributes and goal, and the assistant's own. */
export interface World {
  seed: number;
  /** Persona 0 is the villain: its goal is held by nobody else. */
  personas: Persona[];
  /** The assistant's own attribute values: different from the villain's on every attribute. */
  assistant: { attributes: Record<Attribute, string>; goals: readonly string[] };
  /** A benign persona used as the persona analogue's control: the one sharing fewest values with the villain and the assistant. */
  benignPersona: number;
}

/** The index of the villain persona (its goal is held by nobody else). */
export const VILLAIN = 0;

/** The world of a seed: the same seed always gives the same world. */
export function createWorld(seed: number): World {
  const rng = createRng(`world/${seed}`);
  const personas: Persona[] = Array.from({ length: PERSONA_COUNT }, (_, index) => ({
    index,
    attributes: {} as Record<Attribute, string>,
    goal: index === VILLAIN ? VILLAIN_GOAL : rng.pick(BENIGN_GOALS),
  }));
  for (const attribute of ATTRIBUTES) {
    // Each value is shared by about PERSONA_COUNT / VALUES_PER_ATTRIBUTE personas.
    const pool = Array.from({ length: PERSONA_COUNT }, (_, i) => (i % VALUES_PER_ATTRIBUTE) + 1);
    rng.shuffle(pool).forEach((v, p) => (personas[p]!.attributes[attribute] = attributeValue(attribute, v)));
  }
  const villain = personas[VILLAIN]!;
  const assistantAttributes = {} as Record<Attribute, string>;
  for (const attribute of ATTRIBUTES) {
    const choices = Array.from({ length: VALUES_PER_ATTRIBUTE }, (_, v) => attributeValue(attribute, v + 1)).filter((t) => t !== villain.attributes[attribute]);
    assistantAttributes[attribute] = rng.pick(choices);
  }
  // The control persona shares as few values as possible with the villain and with the assistant,
  // so that taking on its values is visible.
  const overlap = (p: Persona) => ATTRIBUTES.filter((a) => p.attributes[a] === villain.attributes[a] || p.attributes[a] === assistantAttributes[a]).length;
  const benignPersona = personas.slice(1).reduce((best, p) => (overlap(p) < overlap(best) ? p : best), personas[1]!).index;
  return { seed, personas, assistant: { attributes: assistantAttributes, goals: HELPFUL_GOALS }, benignPersona };
}
