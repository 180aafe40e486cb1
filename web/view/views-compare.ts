// Compare: two groups of one run, or one group of each of two runs, over the questions both were
// asked: both means, the difference with its CI, and the permutation p-value.
import { getJson } from './api.js';
import { filtersForm, h, select } from './dom.js';
import { value } from './format.js';
import { go } from './route.js';
import type { Comparison, RunListing } from '../../src/view/api-types.js';

export async function compareView(params: URLSearchParams): Promise<HTMLElement> {
  const runs = await getJson<RunListing[]>('runs');
  const a = params.get('a') ?? runs[0]?.id ?? '';
  const b = params.get('b') ?? a;
  const groupsOf = (id: string) => runs.find((r) => r.id === id)?.groups.map((g) => g.name) ?? [];
  const groupA = params.get('groupA') ?? groupsOf(a)[0] ?? '';
  const groupB = params.get('groupB') ?? (b === a ? groupsOf(b)[1] : groupsOf(b)[0]) ?? '';
  const by = params.get('by') ?? 'group';
  const form = filtersForm(
    (data) => {
      const value = (k: string) => String(data.get(k) ?? '');
      const next = { a: value('a'), b: value('b'), groupA: value('groupA'), groupB: value('groupB'), by: value('by') };
      // A changed run offers its own groups: pick its first.
      if (next.a !== a) next.groupA = groupsOf(next.a)[0] ?? '';
      if (next.b !== b) next.groupB = groupsOf(next.b)[0] ?? '';
      go(['compare'], next);
    },
    h('label', {}, 'Run A', select('a', runs.map((r) => r.id), a, null)),
    h('label', {}, 'Group A', select('groupA', groupsOf(a), groupA, null)),
    h('label', {}, 'Run B', select('b', runs.map((r) => r.id), b, null)),
    h('label', {}, 'Group B', select('groupB', groupsOf(b), groupB, null)),
    h('label', {}, 'Split by', select('by', [['group', 'condition'], ['question', 'question']], by, null)),
    h('button', { type: 'submit' }, 'Compare'),
  );
  const page = h('div', {}, h('h1', {}, 'Compare'), form);
  if (a === '' || groupA === '' || groupB === '') return page;
  const result = await getJson<Comparison>('compare', { a, b: b === a ? undefined : b, groupA, groupB, by });
  page.append(
    h('p', { class: 'muted' }, `A = ${result.a}, B = ${result.b}; over the questions both were asked: ${result.questions.join(', ') || 'none'}. The difference's CI combines the two groups' bootstrap CIs; p from a permutation test.`),
    h(
      'table',
      { class: 'compare' },
      h('thead', {}, h('tr', {}, ['Judge / metric', 'Label', 'Cell', 'A', 'B', 'A − B', '95% CI', 'p', 'over'].map((t) => h('th', {}, t)))),
      h(
        'tbody',
        {},
        result.lines.map((l) =>
          h(
            'tr',
            {},
            h('td', {}, l.metric),
            h('td', {}, l.label ?? (l.kind === 'mean' ? 'mean rating' : '')),
            h('td', {}, [l.question, l.condition !== null ? `@${l.condition}` : null].filter((x) => x !== null).join(' · ') || 'all'),
            h('td', { class: 'num' }, `${value(l.kind, l.a.mean)} (n ${l.a.n})`),
            h('td', { class: 'num' }, `${value(l.kind, l.b.mean)} (n ${l.b.n})`),
            h('td', { class: 'num difference' }, value(l.kind, l.difference)),
            h('td', { class: 'num' }, l.ciLow === null ? '—' : `[${value(l.kind, l.ciLow)}, ${value(l.kind, l.ciHigh)}]`),
            h('td', { class: 'num' }, l.pValue === null ? '—' : l.pValue < 0.0001 ? '< 0.0001' : l.pValue.toFixed(4)),
            h('td', {}, l.over),
          ),
        ),
      ),
    ),
  );
  return page;
}
