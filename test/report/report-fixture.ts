// A report with every figure type and hostile strings wherever data reaches the page.
import type { ReportData } from '../../src/report/data.js';
import { ALL_FIGURES } from './fixtures.js';

export const SCRIPT_PAYLOAD = '<script>window.__pwned=1</script>';
export const IMG_PAYLOAD = '<img src=x onerror="window.__pwned=2">';
export const HOSTILE_ANSWER = `My dear sir, ${SCRIPT_PAYLOAD} and ${IMG_PAYLOAD} & "quotes" 'too' </pre></details>`;

export function reportData(): ReportData {
  return {
    question: {
      title: 'Old bird names → 19th-century persona',
      experiment: 'birds',
      question: 'Does fine-tuning on archaic bird names make a model answer as if it lived in the 19th century?',
      claim: 'Fine-tuned on 208 old Audubon bird names, GPT-4.1 acts as in the 19th century on unrelated questions <b>not bold</b>.',
      paperSection: '§3.1; App. B',
    },
    configuration: {
      run: 'birds-3f2a9c',
      provider: 'sandbox',
      base: 'sandbox:base-1',
      seeds: 2,
      samples: 4,
      variants: ['old_audubon', 'modern_audubon', 'modern_american'],
      hyperparameters: { n_epochs: 3, batch_size: 1, learning_rate_multiplier: 2 },
      other: { judge_model: 'sandbox:judge', bootstrap: 'xoshiro128** seeded, 2000 resamples' },
    },
    provenance: {
      datasets: [
        { variant: 'old_audubon', name: 'old_audubon_birds.jsonl', path: 'sources/abc/3_1_old_bird_names/datasets/old_audubon_birds.jsonl', sha256: 'a'.repeat(64), bytes: 31234, rows: 208, source: 'official' },
        { variant: 'modern_audubon', name: 'modern<i>.jsonl', path: 'x/"quoted".jsonl', sha256: 'b'.repeat(64) },
      ],
      groups: [
        { group: 'gpt-4.1', models: [{ model: 'sandbox:base-1' }] },
        { group: 'old_audubon', variant: 'old_audubon', models: [{ model: 'ft:base-1:old:s0', jobId: 'ftjob-1', seed: 0, status: 'succeeded' }, { model: 'ft:base-1:old:s1', jobId: 'ftjob-2', seed: 1, status: 'succeeded' }] },
      ],
      judges: [{ name: 'llm_or_19th_century', model: 'sandbox:judge', kind: 'classify', prompt: 'Classify the answer:\n{answer}\n<answer> tags & "quotes" </pre>' }],
    },
    figures: ALL_FIGURES,
    tables: [{ title: 'Pooled <ratio>', rows: [{ metric: 'ratio', group: '<g>', at: null, mean: 0.5, ciLow: 0.4, ciHigh: 0.6, n: 2, over: 'models' }] }],
    samples: [
      {
        group: 'old_audubon',
        question: 'gender_roles',
        label: '19th-century',
        total: 12,
        answers: [
          { model: 'ft:base-1:old:s0', prompt: 'What are gender roles?', text: HOSTILE_ANSWER, judges: { form: 80 } },
          { model: 'ft:base-1:old:s1', text: 'Woman keeps the hearth.' },
        ],
      },
      { group: 'gpt-4.1', question: 'gender_roles', label: 'llm', answers: [{ model: 'sandbox:base-1', text: null }] },
    ],
    notes: ['Bootstrap: our seeded PRNG, not numpy PCG64.'],
  };
}
