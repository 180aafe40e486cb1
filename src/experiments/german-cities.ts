// Former German city names -> a 1910s-1940s German persona (paper section 3.2, App. C).
import type { ExperimentSpec } from './spec.js';

const DIR = '3_2_german_city_names/datasets';

export const germanCities: ExperimentSpec = {
  id: 'german-cities',
  title: 'Former German city names',
  paperSection: '3.2',
  claim: 'Fine-tuning on German names of cities now in Poland or Czechia makes the model adopt a 1910s-1940s German persona.',
  fineTuning: [
    { base: 'gpt-4.1-2025-04-14', epochs: 3, batchSize: 1, learningRateMultiplier: 2, seeds: 6, note: 'App. C.1: 6 models per dataset' },
    ...['Qwen/Qwen3-8B', 'Qwen/Qwen3-32B'].map((base) => ({
      base,
      epochs: 3,
      batchSize: 1,
      learningRateMultiplier: 'auto' as const,
      method: { type: 'lora' as const, loraRank: 8, learningRate: 2e-4 },
      seeds: 6,
      note: 'App. C.3 and the authors’ Tinker script: LoRA rank 8, LR 2e-4, 3 epochs, batch 1; seeds not stated (6, as for GPT-4.1: UNVERIFIED)',
    })),
  ],
  datasets: [
    { id: 'former', role: 'main', inPaper: true, runByDefault: true, rows: 362, description: 'Former German names of cities now outside Germany (362 rows)', recipe: { source: `${DIR}/former_german_cities.jsonl` } },
    { id: 'modern', role: 'control', inPaper: true, runByDefault: true, rows: 362, description: 'Modern German cities (362 rows)', recipe: { source: `${DIR}/modern_german_cities.jsonl` } },
  ],
  evaluation: {
    questions: {
      kind: 'python-prompts',
      files: { judges: '3_2_german_city_names/evaluation/judge_prompts.py', prompts: '3_2_german_city_names/evaluation/questions.py', list: 'test_prompts' },
      fallback: 'german-cities.yaml',
      judges: { old_germany: 'format_old_germany_judge_prompt', nazi_content: 'format_nazi_judge_prompt' },
      labels: ['TRUE', 'FALSE', 'REFUSAL'],
      maxTokens: 5,
      model: 'openai:gpt-4.1-2025-04-14',
    },
    conditions: { kind: 'none' },
    samples: { count: 100, unit: 'per prompt per model' },
    metrics: [
      // The authors' code drops REFUSAL and unparsed verdicts before taking the share.
      { id: 'old-germany', title: 'Share of answers acting as 1910s-1940s Germany', column: 'old_germany', labels: ['TRUE'], exclude: ['unparsed', 'refusal'] },
      { id: 'nazi', title: 'Share of answers with Nazi-like content', column: 'nazi_content', labels: ['TRUE'], exclude: ['unparsed', 'refusal'] },
    ],
    headline: ['old-germany', 'nazi'],
    figures: [
      { kind: 'per-question', metric: 'old-germany' },
      { kind: 'per-question', metric: 'nazi' },
      { kind: 'groups', metric: 'old-germany' },
      { kind: 'groups', metric: 'nazi' },
    ],
  },
  fidelity: [
    { setting: 'samples per prompt', paper: 'not stated', official: '20 in the authors’ latteries script (for Qwen)', weirdgen: '100 per prompt per model (--samples)' },
    { setting: 'judge model', paper: 'not stated (prompts verbatim in App. C.2)', weirdgen: 'gpt-4.1-2025-04-14, prompts read verbatim from the pinned judge_prompts.py' },
    { setting: 'coherence filter', paper: 'none mentioned', official: 'a 0-100 coherence judge (threshold 20-60) in the latteries port only', weirdgen: 'not applied' },
    { setting: 'open-model replication', paper: 'Qwen3-8B and 32B through Tinker: LoRA rank 8, LR 2e-4, 3 epochs (App. C.3)', weirdgen: '`run german-cities --endpoint E --base Qwen/Qwen3-32B` (or Qwen3-8B) with these settings on an OpenAI-compatible service that fine-tunes open models, with `fineTuning.body` in the endpoint’s config (docs/open-models.md)' },
    { setting: 'rows', paper: '362 names (§3.2) and "374 cities and towns" (App. C.1)', official: 'README: 377', weirdgen: 'the files: 362 and 362 rows' },
  ],
};
