// Runs: every run of the workspace.
import { getJson } from './api.js';
import { h } from './dom.js';
import { date, usd } from './format.js';
import { href } from './route.js';
import type { RunListing } from '../../src/view/api-types.js';

export async function runsView(): Promise<HTMLElement> {
  const runs = await getJson<RunListing[]>('runs');
  if (runs.length === 0) return h('div', {}, h('h1', {}, 'Runs'), h('p', { class: 'muted' }, 'No runs in this workspace yet: weirdgen eval or weirdgen run make them.'));
  return h(
    'div',
    {},
    h('h1', {}, 'Runs'),
    h(
      'table',
      { class: 'runs' },
      h('thead', {}, h('tr', {}, ['Run', 'Kind', 'Status', 'Started', 'Last change', 'Groups', 'Samples', 'Answers cost'].map((t) => h('th', {}, t)))),
      h(
        'tbody',
        {},
        runs.map((r) =>
          h(
            'tr',
            { data: { run: r.id } },
            h('td', {}, h('a', { href: href(['run', r.id]) }, r.id), r.problem !== undefined ? h('div', { class: 'error' }, r.problem) : null),
            h('td', {}, r.experiment !== null ? `experiment ${r.experiment}` : r.kind),
            h('td', { class: r.status === 'interrupted' ? 'warn' : '' }, r.status),
            h('td', {}, date(r.createdAt)),
            h('td', {}, date(r.updatedAt)),
            h('td', {}, r.groups.map((g) => `${g.name} (${g.models})`).join(', ')),
            h('td', { class: 'num' }, r.samples?.toLocaleString('en-US') ?? '—'),
            h('td', { class: 'num', title: 'known once the run is opened here' }, usd(r.answersCostUsd)),
          ),
        ),
      ),
    ),
    h('p', {}, h('a', { href: href(['compare']) }, 'Compare two runs or two groups')),
  );
}
