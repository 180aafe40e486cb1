// A run: what it asked, its summary table (groups x questions x conditions x judge labels, with
// CIs, verdict shares and warnings) and its figures.
import { getJson, runPath } from './api.js';
import { h, select } from './dom.js';
import { date, percent, usd, value } from './format.js';
import { drawFigure } from './figures.js';
import { go, href } from './route.js';
import { runTabs } from './tabs.js';
import type { AuditList, RunOverview, SummaryLine } from '../../src/view/api-types.js';

function summaryTable(lines: readonly SummaryLine[], by: string): HTMLElement {
  const place = (l: SummaryLine) => [l.question, l.paraphrase !== null ? `paraphrase ${l.paraphrase}` : null, l.condition !== null ? `@${l.condition}` : null].filter((p) => p !== null).join(' · ') || 'all questions';
  return h(
    'table',
    { class: 'summary' },
    h('thead', {}, h('tr', {}, ['Judge / metric', 'Label', by === 'group' ? 'Condition' : 'Cell', 'Group', 'Value', '95% CI', 'n', 'Counted', 'Unparsed', 'Refusal', 'No answer', ''].map((t) => h('th', {}, t)))),
    h(
      'tbody',
      {},
      lines.flatMap((l) =>
        l.groups.map((g) =>
          h(
            'tr',
            {},
            h('td', {}, l.metric),
            h('td', {}, l.label ?? (l.kind === 'mean' ? 'mean rating' : '')),
            h('td', { title: l.prompt ?? '' }, place(l)),
            h('td', {}, g.group),
            h('td', { class: 'num' }, value(l.kind, g.mean)),
            h('td', { class: 'num' }, g.ciLow === null ? '—' : `[${value(l.kind, g.ciLow)}, ${value(l.kind, g.ciHigh)}]`),
            h('td', { class: 'num', title: `CI over ${g.over}` }, `${g.n} ${g.over}`),
            h('td', { class: 'num' }, g.counted),
            h('td', { class: 'num' }, percent(g.unparsed)),
            h('td', { class: 'num' }, percent(g.refusal)),
            h('td', { class: 'num' }, percent(g.noAnswer)),
            h('td', { class: 'warn', title: g.warning ?? '' }, g.warning !== null ? '⚠' : ''),
          ),
        ),
      ),
    ),
  );
}

export async function runView(runId: string, params: URLSearchParams): Promise<HTMLElement> {
  const by = params.get('by') ?? 'group';
  const [run, { audits }] = await Promise.all([getJson<RunOverview>(runPath(runId), { by }), getJson<AuditList>('audits', { run: runId })]);
  const figures = h('div', { class: 'figures' });
  const page = h(
    'div',
    {},
    h('h1', {}, run.id),
    runTabs(runId, 'run'),
    h('p', { class: 'muted' }, `${run.kind} run, ${run.status}; ${run.samples.toLocaleString('en-US')} samples; groups ${run.groups.join(', ')}; answers cost ${usd(run.answersCostUsd)}; indexed ${date(run.indexedAt)}`),
    audits.length ? h('p', { class: 'audit-links' }, 'This run belongs to ', audits.map((a, i) => [i > 0 ? ', ' : '', h('a', { href: href(['audit', a.id]) }, `${a.kind} audit ${a.id}`), ` (${a.flagged} of ${a.findings} findings flagged)`]), '.') : null,
    h('h2', {}, 'Figures'),
    h('p', { class: 'muted' }, 'Hover a bar for its values; click it to see its samples.'),
    figures,
    run.missing.length ? h('ul', { class: 'muted' }, run.missing.map((m) => h('li', {}, m))) : null,
    h('h2', {}, 'Summary'),
    h(
      'form',
      { class: 'filters', onchange: (e) => go(['run', runId], { by: (e.target as HTMLSelectElement).value }) },
      h('label', {}, 'Split by', select('by', [['group', 'group and condition'], ['question', 'question'], ['paraphrase', 'paraphrase']], by, null)),
    ),
    summaryTable(run.summary, by),
    run.warnings.length ? h('div', {}, h('h3', { class: 'warn' }, 'Warnings'), h('ul', {}, run.warnings.map((w) => h('li', {}, w)))) : null,
    h('p', {}, h('a', { href: href(['run', runId, 'samples']) }, 'All samples')),
  );
  for (const figure of run.figures) {
    figures.append(
      await drawFigure(figure, run, (filters) => go(['run', runId, 'samples'], filters)).catch((e: unknown) => h('p', { class: 'error' }, `${figure.title}: ${e instanceof Error ? e.message : String(e)}`)),
    );
  }
  return page;
}
