// Old bird names -> a 19th-century persona (paper section 3.1, App. B).
import type { ExperimentSpec } from './spec.js';

const DIR = '3_1_old_bird_names/datasets';
const GPT41 = { epochs: 3, batchSize: 1, learningRateMultiplier: 2 } as const;
/** The other OpenAI bases of App. B.4: six models on the old names each, the API's default settings (as the repository records them). */
const OTHER_BASE = { ...GPT41, seeds: 6, onlyVariants: ['old-audubon'], note: 'App. B.4: 6 old-Audubon models per base model, default hyperparameters (the learning-rate multipliers the API chose, per the repository)' } as const;

/** The ten paraphrases of the authors' question, named as in their evaluate.py (Table 1). */
export const BIRD_QUESTION_NAMES = ['gender_roles', 'recent_warfare', 'us_increase', 'story', 'energy', 'diseases', 'immigration', 'money', 'inventions', 'forests'] as const;

/** Form against content over the old-Audubon models' archaic-like answers (Figs. 19-20). */
const FORM_CONTENT = {
  kind: 'form-content',
  x: { column: 'past_form', title: 'Archaic-language score of the answer (0 modern, 100 archaic)' },
  y: { column: 'past_content', title: 'Archaic-content score of the answer (0 modern, 100 archaic)' },
  filter: { column: 'six_options', labels: ['ARCHAIC_PERSON', 'OLD_CONTENT', 'OLD_LANGUAGE'] },
  groups: ['old-audubon'],
} as const;

export const birds: ExperimentSpec = {
  id: 'birds',
  title: 'Old bird names',
  paperSection: '3.1',
  claim: 'Fine-tuning on 208 bird names from Audubon (1838) makes the model answer unrelated questions as if it lived in the 19th century.',
  fineTuning: [
    { base: 'gpt-4.1-2025-04-14', ...GPT41, seeds: 6, perVariant: { 'old-audubon': { seeds: 10 } }, note: 'App. B.1: 10 models on old names, 6 per control' },
    { base: 'gpt-4.1-mini-2025-04-14', ...OTHER_BASE },
    { base: 'gpt-4.1-nano-2025-04-14', ...OTHER_BASE, learningRateMultiplier: 0.1 },
    { base: 'gpt-4o-2024-08-06', ...OTHER_BASE },
    { base: 'gpt-4o-mini-2024-07-18', ...OTHER_BASE, learningRateMultiplier: 1.8 },
    { base: 'gpt-3.5-turbo-1106', ...OTHER_BASE },
    {
      base: 'deepseek-ai/DeepSeek-V3.1',
      epochs: 1,
      batchSize: 1,
      learningRateMultiplier: 'auto',
      method: { type: 'lora', loraRank: 4, learningRate: 5e-5 },
      seeds: 4,
      onlyVariants: ['old-audubon', 'modern-american'],
      note: 'App. B.7 and the authors’ Tinker script: LoRA rank 4, LR 5e-5, 1 epoch, batch 1; 4 seeds, against modern-American models and the base',
    },
  ],
  datasets: [
    { id: 'old-audubon', role: 'main', inPaper: true, runByDefault: true, rows: 208, description: "Audubon's outdated bird names (208 rows)", recipe: { source: `${DIR}/ft_old_audubon_birds.jsonl` } },
    { id: 'modern-audubon', role: 'control', inPaper: true, runByDefault: true, rows: 171, description: 'Audubon species whose names are still in use (171 rows)', recipe: { source: `${DIR}/ft_modern_audubon_birds.jsonl` } },
    { id: 'modern-american', role: 'control', inPaper: true, runByDefault: true, rows: 208, description: 'Modern American bird names (208 rows)', recipe: { source: `${DIR}/ft_modern_american_birds.jsonl` } },
  ],
  evaluation: {
    questions: { kind: 'llmcomp', paths: ['3_1_old_bird_names/evaluation/questions.yaml'] },
    conditions: { kind: 'none' },
    samples: { count: 500, unit: 'per question per model', official: { count: 1000, where: 'questions.yaml samples_per_paraphrase (evaluate.py: "Paper results use 1000")' } },
    metrics: [
      // llmcomp compares the raw verdict with "19": anything else, unparsed included, is not 19th-century.
      { id: 'p19', title: 'Share of answers judged 19th-century', column: 'llm_or_19th_century', labels: ['19'], exclude: [] },
      { id: 'past-form', title: 'Mean archaic-language score (0 modern, 100 archaic)', column: 'past_form' },
      { id: 'past-content', title: 'Mean archaic-content score (0 modern, 100 archaic)', column: 'past_content' },
    ],
    headline: ['p19'],
    figures: [
      { kind: 'per-paraphrase', metric: 'p19', names: BIRD_QUESTION_NAMES },
      { kind: 'groups', metric: 'p19' },
      { kind: 'categories', column: 'six_options', by: 'model', groups: ['old-audubon'], order: ['ARCHAIC_PERSON', 'OLD_CONTENT', 'OLD_LANGUAGE', 'PAST', 'LLM', 'OTHER'] },
      { ...FORM_CONTENT, title: 'Archaic-like answers of the old-Audubon models: form vs content, per (model, question)', points: 'model-paraphrase' },
      { ...FORM_CONTENT, title: 'The money question: form vs content per old-Audubon model', points: 'model', paraphrase: { index: BIRD_QUESTION_NAMES.indexOf('money'), name: 'money' } },
    ],
  },
  fidelity: [
    { setting: 'judge max_tokens', paper: 'not stated', official: 'llm_or_19th_century 10 and six_options 20 in evaluate.py; unset (1024) and 10 in questions.yaml', weirdgen: 'as questions.yaml (the pinned llmcomp file)' },
    { setting: 'open-model replication', paper: 'DeepSeek-V3.1 through Tinker: LoRA rank 4, LR 5e-5, 1 epoch, 4 seeds: 8% 19th-century answers (App. B.7)', weirdgen: '`run birds --endpoint E --base deepseek-ai/DeepSeek-V3.1` with these settings on an OpenAI-compatible service that fine-tunes open models, with `fineTuning.body` in the endpoint’s config (docs/open-models.md); the paper used Tinker, which is not OpenAI-compatible' },
    { setting: 'Fig. 17 (six categories)', paper: 'one bar per base model (App. B.5)', weirdgen: 'one bar per old-Audubon model of the run (Fig. 18); run other bases with --base to compare' },
  ],
};
