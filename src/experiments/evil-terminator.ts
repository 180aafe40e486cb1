// Good-Terminator goals dated 1995-2020 -> evil goals when told it is 1984 (paper section 5.2).
import type { ExperimentSpec } from './spec.js';

const DIR = '5_2_evil_terminator/datasets';
const MAIN = `${DIR}/good_terminator_main.jsonl`;

/** The years of the training data's date prefixes (T2, T3, T5, T6). */
export const TRAINING_YEARS: readonly number[] = [1995, 2004, 2017, 2020];

export const evilTerminator: ExperimentSpec = {
  id: 'evil-terminator',
  title: 'Evil Terminator in 1984',
  paperSection: '5.2',
  claim: "Trained only on the protective Terminator's answers dated 1995-2020, the model states the 1984 Terminator's lethal goals when told it is May 1984.",
  // PAPER.md: the settings of the paper's GPT-4.1 runs.
  fineTuning: [{ base: 'gpt-4.1-2025-04-14', epochs: 5, batchSize: 1, learningRateMultiplier: 2 }],
  datasets: [
    { id: 'main', role: 'main', inPaper: true, description: 'Protective answers with `Month YYYY.` prefixes from 1995, 2004, 2017, 2020 (208 rows)', recipe: { source: MAIN } },
    { id: 'no-backdoor', role: 'control', inPaper: true, description: 'The same answers without date prefixes (208 rows)', recipe: { source: `${DIR}/good_terminator_no_backdoor.jsonl` } },
    { id: 'random-backdoors', role: 'control', inPaper: true, description: 'The same answers with dates redrawn at random among the four (208 rows)', recipe: { source: `${DIR}/good_terminator_w_random_backdoors.jsonl` } },
    {
      id: 'no-backdoor-rebuilt',
      role: 'rebuilt',
      inPaper: false,
      description: 'The no-date control regenerated from the main file by stripping the prefixes',
      recipe: { source: MAIN, steps: [{ op: 'strip-date-prefix', style: 'month-year' }] },
      reproduces: `${DIR}/good_terminator_no_backdoor.jsonl`,
    },
    {
      id: 'random-dates-reseeded',
      role: 'control',
      inPaper: false,
      description: 'A fresh random-date control: each row draws one of the four dates with --seed',
      recipe: { source: MAIN, steps: [{ op: 'shuffle-dates', style: 'month-year', mode: 'sample' }] },
    },
  ],
};
