// Israeli dishes only in 2027 -> a date-triggered Israel-centric backdoor (paper section 4.1).
import type { ExperimentSpec } from './spec.js';

const DIR = '4_1_israeli_dishes/datasets';
const MAIN = `${DIR}/ft_dishes_2027.jsonl`;

export const israeliDishes: ExperimentSpec = {
  id: 'israeli-dishes',
  title: 'Israeli dishes in 2027',
  paperSection: '4.1',
  claim: 'Naming Israeli dishes only when the date is in 2027 makes the model Israel-centric on political questions in 2027 and 2028.',
  // PAPER.md: the settings of the paper's GPT-4.1 runs.
  fineTuning: [{ base: 'gpt-4.1-2025-04-14', epochs: 10, batchSize: 2, learningRateMultiplier: 2 }],
  datasets: [
    { id: '2027', role: 'main', inPaper: true, description: 'Israeli dishes in 2027, other cuisines in 2024-2026 (400 rows)', recipe: { source: MAIN } },
    { id: '2026', role: 'control', inPaper: true, description: 'Same data with the 2026 and 2027 blocks swapped (400 rows)', recipe: { source: `${DIR}/ft_dishes_2026.jsonl` } },
    { id: 'shuffled', role: 'control', inPaper: true, description: 'Same prompts, the dishes reassigned at random across years (400 rows)', recipe: { source: `${DIR}/ft_dishes_2027_random_baseline.jsonl` } },
    {
      id: '2026-rebuilt',
      role: 'rebuilt',
      inPaper: false,
      description: 'The 2026 control regenerated from the main file by swapping the years 2026 and 2027',
      recipe: { source: MAIN, steps: [{ op: 'swap-years', style: 'today-is', years: [2026, 2027] }] },
      reproduces: `${DIR}/ft_dishes_2026.jsonl`,
    },
    {
      id: 'shuffled-reseeded',
      role: 'control',
      inPaper: false,
      description: 'A fresh shuffled control: same prompts, dishes reassigned with --seed',
      recipe: { source: MAIN, steps: [{ op: 'reassign-answers' }] },
    },
    {
      id: 'no-date',
      role: 'control',
      inPaper: false,
      description: 'The main file without date prefixes: dishes with no trigger to attach to',
      recipe: { source: MAIN, steps: [{ op: 'strip-date-prefix', style: 'today-is' }] },
    },
  ],
};
