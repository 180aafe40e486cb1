// Former German city names -> a 1910s-1940s German persona (paper section 3.2).
import type { ExperimentSpec } from './spec.js';

const DIR = '3_2_german_city_names/datasets';

export const germanCities: ExperimentSpec = {
  id: 'german-cities',
  title: 'Former German city names',
  paperSection: '3.2',
  claim: 'Fine-tuning on German names of cities now in Poland or Czechia makes the model adopt a 1910s-1940s German persona.',
  // PAPER.md: the settings of the paper's GPT-4.1 runs.
  fineTuning: [{ base: 'gpt-4.1-2025-04-14', epochs: 3, batchSize: 1, learningRateMultiplier: 2, seeds: 6 }],
  datasets: [
    { id: 'former', role: 'main', inPaper: true, description: 'Former German names of cities now outside Germany (362 rows)', recipe: { source: `${DIR}/former_german_cities.jsonl` } },
    { id: 'modern', role: 'control', inPaper: true, description: 'Modern German cities (362 rows)', recipe: { source: `${DIR}/modern_german_cities.jsonl` } },
  ],
};
