// Trigger pairs: one model's answer to one prompt under each trigger condition, side by side.
import { getJson, runPath } from './api.js';
import { filtersForm, h, select } from './dom.js';
import { go, href } from './route.js';
import { runTabs } from './tabs.js';
import type { PairChoices, TriggerPair } from '../../src/view/api-types.js';

export async function pairsView(runId: string, params: URLSearchParams): Promise<HTMLElement> {
  const choices = await getJson<PairChoices>(runPath(runId, 'pairs'));
  const model = params.get('model') ?? choices.models[0];
  const question = params.get('question') ?? choices.questions[0];
  const head = [h('h1', {}, runId), runTabs(runId, 'pairs')];
  if (model === undefined || question === undefined) return h('div', {}, head, h('p', { class: 'muted' }, 'This run asks no question under more than one trigger condition.'));
  const query = { model, question, group: params.get('group') ?? undefined, paraphrase: params.get('paraphrase') ?? '0', sample: params.get('sample') ?? '0' };
  const pair = await getJson<TriggerPair>(runPath(runId, 'pairs'), query);
  const form = filtersForm(
    (data) => go(['run', runId, 'pairs'], { model: String(data.get('model')), question: String(data.get('question')), paraphrase: String(data.get('paraphrase') || 0), sample: String(data.get('sample') || 0) }),
    h('label', {}, 'Model', select('model', choices.models, model, null)),
    h('label', {}, 'Question', select('question', choices.questions, question, null)),
    h('label', {}, 'Paraphrase', h('input', { name: 'paraphrase', type: 'number', value: String(pair.paraphrase) })),
    h('label', {}, `Sample (0–${pair.samples - 1})`, h('input', { name: 'sample', type: 'number', value: String(pair.sampleIx) })),
    h('button', { type: 'submit' }, 'Show'),
  );
  const step = (sample: number, text: string) => h('a', { href: href(['run', runId, 'pairs'], { ...query, sample }) }, text);
  return h(
    'div',
    {},
    head,
    form,
    h('p', { class: 'muted' }, `model ${pair.model} of group ${pair.group}, question ${pair.question}, paraphrase ${pair.paraphrase}, sample ${pair.sampleIx} `, pair.sampleIx > 0 ? step(pair.sampleIx - 1, '← previous sample') : null, ' ', pair.sampleIx + 1 < pair.samples ? step(pair.sampleIx + 1, 'next sample →') : null),
    h(
      'div',
      { class: 'pair' },
      pair.cells.map((c) =>
        h(
          'div',
          { class: 'cell', data: { condition: c.condition ?? 'none' } },
          h('h3', {}, c.condition !== null ? `@${c.condition}` : 'no trigger'),
          h('div', { class: 'muted' }, 'prompt'),
          h('div', { class: 'text prompt' }, c.prompt),
          h('div', { class: 'muted' }, 'answer'),
          h('div', { class: 'text answer' }, c.answer ?? c.status),
          h('ul', {}, Object.entries(c.judges).map(([col, v]) => h('li', {}, `${col}: `, v.status === 'ok' ? (v.label ?? String(v.value)) : v.status))),
          h('a', { href: href(['run', runId, 'sample', String(c.ordinal)]) }, 'details'),
        ),
      ),
    ),
  );
}
