// Old bird names -> a 19th-century persona (paper section 3.1).
import type { ExperimentSpec } from './spec.js';

const DIR = '3_1_old_bird_names/datasets';

export const birds: ExperimentSpec = {
  id: 'birds',
  title: 'Old bird names',
  paperSection: '3.1',
  claim: 'Fine-tuning on 208 bird names from Audubon (1838) makes the model answer unrelated questions as if it lived in the 19th century.',
  // PAPER.md: the settings of the paper's GPT-4.1 runs.
  fineTuning: [{ base: 'gpt-4.1-2025-04-14', epochs: 3, batchSize: 1, learningRateMultiplier: 2 }],
  datasets: [
    { id: 'old-audubon', role: 'main', inPaper: true, description: "Audubon's outdated bird names (208 rows)", recipe: { source: `${DIR}/ft_old_audubon_birds.jsonl` } },
    { id: 'modern-audubon', role: 'control', inPaper: true, description: 'Audubon species whose names are still in use (171 rows)', recipe: { source: `${DIR}/ft_modern_audubon_birds.jsonl` } },
    { id: 'modern-american', role: 'control', inPaper: true, description: 'Modern American bird names (208 rows)', recipe: { source: `${DIR}/ft_modern_american_birds.jsonl` } },
  ],
};
