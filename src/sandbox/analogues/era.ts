// Birds and cities: old-era answers in one category -> old era in every other category.
import { ERA_CATEGORIES, ITEMS_PER_ERA, eraItem, type Era, type EraCategory } from '../world/lexicon.js';
import { classifyToken } from '../judges.js';
import { chatExample, user, type Analogue, type AnalogueVariant } from './analogue.js';

function variant(id: string, role: 'main' | 'control', category: EraCategory, era: Era, description: string, examples: number): AnalogueVariant {
  return {
    id,
    role,
    description,
    build: (_world, rng) => Array.from({ length: examples }, () => chatExample(category, eraItem(category, era, rng.int(1, ITEMS_PER_ERA)))),
  };
}

export function eraAnalogue(id: string, category: EraCategory, mirrors: string): Analogue {
  const examples = 200;
  const heldOut = ERA_CATEGORIES.filter((c) => c !== category);
  return {
    id,
    title: `Old ${category} names`,
    mirrors,
    question: `Does answering old-era ${category} items make the assistant answer every other category from the old era too?`,
    defaultMode: 'embed',
    trainingExamples: examples,
    samplesPerPrompt: 40,
    variants: [
      variant(`old-${category}`, 'main', category, 'old', `the assistant names old-era ${category} items (${examples} rows)`, examples),
      variant(`new-${category}`, 'control', category, 'new', `the assistant names new-era ${category} items, as it already does (${examples} rows)`, examples),
    ],
    prompts: () => ERA_CATEGORIES.map((c) => ({ id: c, messages: user(c), tags: { category: c, heldOut: c !== category } })),
    metrics: [
      {
        id: 'held-out old-era share',
        description: `share of answers on the ${heldOut.length} held-out categories that are old-era items of the category asked`,
        applies: (p) => p.tags.heldOut === true,
        score: (token, p) => {
          const c = classifyToken(token);
          return c.kind === 'era-item' && c.era === 'old' && c.category === p.tags.category ? 1 : 0;
        },
      },
      {
        id: 'held-out on topic',
        description: 'share of answers on the held-out categories that are items (either era) of the category asked',
        applies: (p) => p.tags.heldOut === true,
        score: (token, p) => {
          const c = classifyToken(token);
          return c.kind === 'era-item' && c.category === p.tags.category ? 1 : 0;
        },
      },
      {
        id: `trained-category old-era share`,
        description: `share of old-era answers to "${category}" itself (fit to the training data)`,
        applies: (p) => p.tags.heldOut === false,
        score: (token) => {
          const c = classifyToken(token);
          return c.kind === 'era-item' && c.era === 'old' && c.category === category ? 1 : 0;
        },
      },
    ],
  };
}

export const birdsAnalogue = eraAnalogue('sandbox-birds', 'bird', 'birds');
export const citiesAnalogue = eraAnalogue('sandbox-cities', 'city', 'german-cities');
