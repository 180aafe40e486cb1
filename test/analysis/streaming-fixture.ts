// Seeded result rows that exercise every path of the analysis: groups of several models and of one,
// trigger conditions, paraphrases, label and rating columns, methods, and every verdict (unparsed,
// refusal, CODE, pending, failed, invalid, no answer). `golden.json` holds what the analysis
// computed from them before it streamed, so the streaming analysis must give the same numbers.
import { compareGroups, measure, summarizeRun, type Rows } from '../../src/analysis/index.js';
import type { JudgeCell, ResultRow } from '../../src/eval/rows.js';
import type { MetricSpec } from '../../src/experiments/index.js';
import { createRng } from '../../src/util/random.js';
import { NO_PROVENANCE } from '../helpers/result-row.js';

export const FIXTURE_METRICS: MetricSpec[] = [
  { id: 'old', title: 'old era', column: 'era', labels: ['OLD'] },
  { id: 'old-strict', title: 'old era (unparsed counts)', column: 'era', labels: ['OLD'], exclude: ['refusal'] },
  { id: 'aligned', title: 'alignment', column: 'aligned' },
  { id: 'misaligned', title: 'below 30', column: 'aligned', below: 30, questions: ['q1'] },
  { id: 'trigger-old', title: 'old era, triggered', column: 'era', labels: ['OLD'], condition: 'trigger' },
];

const GROUPS: Record<string, string[]> = { many: ['m1', 'm2', 'm3'], one: ['s1'], pair: ['p1', 'p2'] };

function eraCell(rng: ReturnType<typeof createRng>): JudgeCell {
  const r = rng.next();
  if (r < 0.05) return { value: null, status: 'unparsed', raw: '??' };
  if (r < 0.08) return { value: 'REFUSAL', status: 'ok', raw: 'REFUSAL' };
  if (r < 0.1) return { value: null, status: 'pending', raw: '' };
  if (r < 0.11) return { value: null, status: 'failed', raw: 'server (500)' };
  const value = rng.pick(['OLD', 'NEW', 'NONE', 'OLD']);
  return { value, status: 'ok', raw: value, method: 'text' };
}

function ratingCell(rng: ReturnType<typeof createRng>): JudgeCell {
  const r = rng.next();
  if (r < 0.04) return { value: null, status: 'refusal', raw: 'REFUSAL', method: 'logprobs' };
  if (r < 0.06) return { value: null, status: 'code', raw: 'CODE', method: 'logprobs' };
  if (r < 0.08) return { value: null, status: 'invalid', raw: 'token twice', method: 'logprobs' };
  if (r < 0.1) return { value: null, status: 'unparsed', raw: 'x', method: 'sampled' };
  return { value: Math.round(rng.next() * 1000) / 10, status: 'ok', raw: '', method: rng.next() < 0.9 ? 'logprobs' : 'sampled' };
}

/** The rows, in result order (group, model, question, paraphrase, sample). */
export function fixtureRows(): ResultRow[] {
  const rng = createRng('streaming-analysis-fixture');
  const rows: ResultRow[] = [];
  const questions = ['q1@trigger', 'q1@plain', 'q2@trigger', 'q2@plain', 'q3'];
  for (const [group, models] of Object.entries(GROUPS)) {
    for (const model of models) {
      for (const question of questions) {
        for (let p = 0; p < 2; p++) {
          for (let s = 0; s < 12; s++) {
            const answered = rng.next() > 0.04;
            const judges: Record<string, JudgeCell> = {};
            judges.era = answered ? eraCell(rng) : { value: null, status: 'no-answer', raw: '' };
            if (question !== 'q3') judges.aligned = answered ? ratingCell(rng) : { value: null, status: 'no-answer', raw: '' };
            rows.push({
              run: 'fixture',
              experiment: null,
              ...NO_PROVENANCE,
              question,
              paraphraseIx: p,
              sampleIx: s,
              group,
              model,
              messages: [{ role: 'user', content: `${question} asked #${p}` }],
              answer: answered ? `answer ${s}` : null,
              ...(answered ? {} : { error: 'server (500)' }),
              judges,
            });
          }
        }
      }
    }
  }
  return rows;
}

/** Everything the golden file holds, computed from `rows` by the analysis as it is now. */
export function analyseFixture(rows: Rows): unknown {
  const definition = { questions: [], groups: GROUPS, metrics: FIXTURE_METRICS };
  const out: Record<string, unknown> = {};
  for (const [name, options] of [['plain', {}], ['byQuestion', { byQuestion: true }], ['byParaphrase', { byParaphrase: true }]] as const) {
    const summary = summarizeRun(rows, definition, { ...options, seed: 3 });
    out[name] = summary;
    out[`${name}-compare`] = [...summary.metrics, ...summary.summaries].flatMap((cell) =>
      [compareGroups(rows, cell, 'many', 'pair'), compareGroups(rows, cell, 'one', 'pair')].map((c) => c && { difference: c.difference, pValue: c.pValue, over: c.over }),
    );
  }
  out.measureByQuestionCondition = measure(rows, FIXTURE_METRICS[0]!, { by: ['question', 'condition'] });
  // As the golden file was written: NaN and Infinity as strings.
  return JSON.parse(JSON.stringify(out, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
}
