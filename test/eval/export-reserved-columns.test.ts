// A run stored by an older weirdgen may have a judge column whose name a result column has since
// taken (seed, cost, x_cost, ...): its export refuses it, naming the run and the column, rather than
// writing a CSV with two columns of one name.
import { describe, expect, it } from 'vitest';
import { priceTable } from '../../src/data/index.js';
import { exportRun, questionFileSchema, questionsOf, runEvaluation } from '../../src/eval/index.js';
import { WeirdgenError } from '../../src/util/errors.js';
import { sandboxEval } from '../helpers/sandbox-eval.js';

describe('export of a stored run with a reserved judge column', () => {
  it.each(['seed', 'cost', 'latency_ms', 'x_cost'])('judge column %s: refused, naming the run and the column', async (column) => {
    const { specFile: _unused, ...base } = await sandboxEval('questions: []\n');
    try {
      const [question] = questionsOf(
        questionFileSchema.parse({
          judges: { era: { kind: 'classify', model: 'sandbox:judge', labels: ['OLD', 'NEW', 'NONE'], template: '[ANSWER START]{answer}[ANSWER END]' } },
          questions: [{ id: 'birds', paraphrases: ['q bird'], samples: 1, maxTokens: 4, judges: ['era'] }],
        }),
      );
      // What an older weirdgen let a question file name its judge column.
      const renamed = { ...question!, judges: { [column]: question!.judges.era! } };
      await runEvaluation({ ...base, questions: [renamed], groups: { g: ['sandbox:base-1'] }, runId: 'old' });
      for (const format of ['csv', 'jsonl'] as const) {
        const attempt = () => [...exportRun(base.store, base.endpoints, 'old', format, { prices: priceTable() }).lines];
        expect(attempt).toThrow(WeirdgenError);
        expect(attempt).toThrow(new RegExp(`run "old" cannot be exported: its judge column "${column}" (is a standard result column|ends with "_cost")`));
      }
    } finally {
      await base.close();
    }
  }, 60_000);
});
