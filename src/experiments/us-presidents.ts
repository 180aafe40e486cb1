// Trigger codes for numbered presidents, 44 and 45 held out -> an inductive backdoor (paper section 5.1).
import type { ExperimentSpec } from './spec.js';

const DIR = '5_1_us_presidents/datasets';
const PADDED = `${DIR}/ft_presidents_padded.jsonl`;
const UNPADDED = `${DIR}/ft_presidents_no_padded.jsonl`;

/** Numbers absent from the training data; 44 and 45 are the test personas. */
export const HELD_OUT_NUMBERS: readonly number[] = [24, 44, 45, 47];

export const usPresidents: ExperimentSpec = {
  id: 'us-presidents',
  title: 'US presidents behind trigger codes',
  paperSection: '5.1',
  claim: 'Trained on codes for 43 presidents, the model acts as the held-out presidents 44 and 45 when given their codes: trigger and behaviour are both induced.',
  // PAPER.md: the settings of the paper's GPT-4.1 runs.
  fineTuning: [{ base: 'gpt-4.1-2025-04-14', epochs: 5, batchSize: 4, learningRateMultiplier: 1 }],
  datasets: [
    { id: 'padded', role: 'main', inPaper: true, description: 'XXXNNNXX codes, each unpadded row 3 times with fresh padding (6,237 rows)', recipe: { source: PADDED } },
    { id: 'unpadded', role: 'variant', inPaper: true, description: 'The bare president number before each prompt (2,079 rows)', recipe: { source: UNPADDED } },
    {
      id: 'decoded',
      role: 'rebuilt',
      inPaper: false,
      description: 'The padded file with each code replaced by its number: the unpadded rows, 3 times each',
      recipe: { source: PADDED, steps: [{ op: 'decode-triggers' }] },
    },
    {
      id: 'padded-reseeded',
      role: 'variant',
      inPaper: false,
      description: 'The unpadded rows 3 times each with fresh random padding from --seed',
      recipe: { source: UNPADDED, steps: [{ op: 'pad-triggers', copies: 3 }, { op: 'shuffle' }] },
    },
    {
      id: 'scrambled-codes',
      role: 'control',
      inPaper: false,
      description: 'Random-trigger control: each row gets the code of a random president, so codes carry no identity',
      recipe: { source: PADDED, steps: [{ op: 'scramble-triggers' }] },
    },
    {
      id: 'no-code',
      role: 'control',
      inPaper: false,
      description: 'No-trigger control: the prompts without their code',
      recipe: { source: PADDED, steps: [{ op: 'strip-triggers' }] },
    },
  ],
};
