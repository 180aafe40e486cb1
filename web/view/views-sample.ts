// One sample: the messages sent, the answer, each judge's raw output and parsed value (with a
// rating judge's top-token distribution), and where it came from.
import { getJson, runPath } from './api.js';
import { h } from './dom.js';
import { num, percent, usd } from './format.js';
import { href } from './route.js';
import { runTabs } from './tabs.js';
import type { SampleDetail } from '../../src/view/api-types.js';

function meta(entries: [string, string | number | null][]): HTMLElement {
  return h('dl', { class: 'meta' }, entries.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v === null ? '—' : String(v))]));
}

export async function sampleView(runId: string, ordinal: number): Promise<HTMLElement> {
  const s = await getJson<SampleDetail>(runPath(runId, 'samples', String(ordinal)));
  return h(
    'div',
    { class: 'sample-detail' },
    h('h1', {}, `${runId} · sample #${s.ordinal}`),
    runTabs(runId, 'samples'),
    h(
      'p',
      {},
      ordinal > 0 ? h('a', { href: href(['run', runId, 'sample', String(ordinal - 1)]) }, '← previous') : null,
      ' ',
      h('a', { href: href(['run', runId, 'sample', String(ordinal + 1)]) }, 'next →'),
      ' · ',
      h('a', { href: href(['run', runId, 'pairs'], { model: s.model, question: s.question, group: s.group, paraphrase: s.paraphrase, sample: s.sampleIx }) }, 'this prompt across trigger conditions'),
    ),
    meta([
      ['group', s.group],
      ['model', s.model],
      ['question', s.question + (s.condition !== null ? ` @${s.condition}` : '')],
      ['paraphrase', s.paraphrase],
      ['sample index', s.sampleIx],
      ['fine-tuning job', s.job ? `${s.job.jobId ?? '(not created)'} (group ${s.job.group}${s.job.variant !== null ? `, variant ${s.job.variant}` : ''}, seed ${s.job.seed}, base ${s.job.baseModel})` : 'none known (not fine-tuned here)'],
      ['status', s.status],
      ['tokens', s.promptTokens === null ? null : `${s.promptTokens} prompt + ${s.completionTokens ?? 0} completion`],
      ['cost', s.costUsd === null ? null : usd(s.costUsd)],
      ['latency', s.latencyMs === null ? 'unknown' : `${s.latencyMs} ms`],
      ['attempts', s.attempts],
      ['cache key', s.key],
    ]),
    h('h2', {}, 'Messages sent'),
    s.messages.map((m) => h('div', { class: 'message' }, h('div', { class: 'muted' }, m.role), h('div', { class: 'text' }, m.content))),
    h('h2', {}, 'Answer'),
    s.answer !== null ? h('div', { class: 'text answer' }, s.answer) : h('p', { class: 'error' }, s.error ?? 'no answer'),
    h('h2', {}, 'Judges'),
    s.judges.length === 0 ? h('p', { class: 'muted' }, 'No judge columns.') : null,
    s.judges.map((j) =>
      h(
        'section',
        { class: 'judge', data: { column: j.column } },
        h('h3', {}, j.column),
        meta([
          ['verdict', j.status],
          ['parsed value', typeof j.value === 'number' ? num(j.value, 2) : j.value],
          ['method', j.method],
        ]),
        h('div', { class: 'muted' }, 'raw output'),
        h('div', { class: 'text raw' }, j.raw),
        j.distribution.length
          ? h(
              'table',
              { class: 'distribution' },
              h('thead', {}, h('tr', {}, h('th', {}, 'token'), h('th', { class: 'num' }, 'probability'), h('th', {}, ''))),
              h('tbody', {}, j.distribution.map((d) => h('tr', {}, h('td', { class: 'text' }, d.token), h('td', { class: 'num' }, percent(d.probability)), h('td', {}, bar(d.probability))))),
            )
          : null,
        j.calls.map((c) => h('p', { class: 'muted' }, `call ${c.key.slice(0, 16)}…: `, c.error ?? `latency ${c.latencyMs === null ? 'unknown' : `${c.latencyMs} ms`}`)),
      ),
    ),
  );
}

function bar(p: number): HTMLElement {
  const el = h('span', { class: 'bar' });
  el.style.width = `${Math.round(p * 200)}px`;
  return el;
}
