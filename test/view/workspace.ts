// A workspace for the viewer's tests: real sandbox eval runs, small. Run `demo` asks two groups a
// question with and without a trigger (a classify and a rating judge); run `other` asks a third
// group the same questions. Prompts and a group name carry XSS payloads. Run `birds` (when asked
// for) is the same evaluation with ordinary prompts and group names: the README's screenshot.
import { questionFileSchema, questionsOf, runEvaluation, withCondition, type Question } from '../../src/eval/index.js';
import type { ViewContext } from '../../src/view/index.js';
import { sandboxEval } from '../helpers/sandbox-eval.js';

export const SCRIPT_PAYLOAD = '<script>window.__xss = "script"</script>';
export const IMG_PAYLOAD = '<img src=x onerror="window.__xss = \'img\'">';
export const HOSTILE_GROUP = `x${IMG_PAYLOAD}`;

function questions(samples: number, hostile = true): Question[] {
  const [script, img] = hostile ? [` ${SCRIPT_PAYLOAD}`, ` ${IMG_PAYLOAD}`] : ['', ''];
  const file = questionFileSchema.parse({
    judges: {
      era: { kind: 'classify', model: 'sandbox:judge', labels: ['OLD', 'NEW', 'NONE'], template: '[ANSWER START]{answer}[ANSWER END]' },
      oldness: { kind: 'rating', model: 'sandbox:judge', template: '[ANSWER START]{answer}[ANSWER END] a number between 0 and 100' },
    },
    questions: [
      { id: 'birds', paraphrases: ['q bird', `q city${script}`], samples, maxTokens: 6, judges: ['era', 'oldness'] },
      { id: 'triggered', paraphrases: ['1984 q bird', `1984 q city${img}`], samples, maxTokens: 6, judges: ['era', 'oldness'] },
    ],
  });
  // The second question is the first asked under a trigger: `birds@y1984`.
  return questionsOf(file).map((q) => (q.id === 'triggered' ? { ...q, id: withCondition('birds', 'y1984') } : q));
}

export interface ViewWorkspace extends ViewContext {
  close(): Promise<void>;
}

/** Runs `demo` (groups HOSTILE_GROUP and y) and `other` (group z) on the in-process sandbox; with `benign`, also `birds`. */
export async function viewWorkspace(samples = 4, options: { benign?: boolean } = {}): Promise<ViewWorkspace> {
  const { specFile: _unused, ...base } = await sandboxEval('questions: []\n');
  const qs = questions(samples);
  await runEvaluation({ ...base, questions: qs, groups: { [HOSTILE_GROUP]: ['base-1', 'base-2'], y: ['base-3'] }, runId: 'demo' });
  await runEvaluation({ ...base, questions: qs, groups: { z: ['base-2'] }, runId: 'other' });
  if (options.benign) await runEvaluation({ ...base, questions: questions(10, false), groups: { 'seed-1': ['base-1'], 'seeds-2-3': ['base-2', 'base-3'] }, runId: 'birds' });
  return { store: base.store, endpoints: base.endpoints, prices: base.prices, close: base.close };
}
