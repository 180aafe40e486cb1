// Samples: filters (group, model, question, condition, paraphrase, judge label or rating range,
// verdict status), full-text search, keyset paging, and export of what the filters keep.
import { apiUrl, authHeaders, getJson, hasKey, runPath } from './api.js';
import { filtersForm, h, select } from './dom.js';
import { num } from './format.js';
import { go, href } from './route.js';
import { runTabs } from './tabs.js';
import type { RunChoices, SamplePage, SampleSummary, Verdict } from '../../src/view/api-types.js';

export const FILTERS = ['group', 'model', 'question', 'condition', 'paraphrase', 'judge', 'label', 'min', 'max', 'status', 'q'] as const;

export function filtersOf(params: URLSearchParams): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const key of FILTERS) {
    const v = params.get(key);
    if (v !== null && v !== '') filters[key] = v;
  }
  return filters;
}

function verdictText(v: Verdict): string {
  if (v.status !== 'ok') return v.status;
  return v.label ?? (v.value !== null ? num(v.value, 1) : 'ok');
}

/** The judge column a label or rating range reads when none was chosen: the one with that label, or the only rating judge (no labels). */
function judgeFor(run: RunChoices, filters: Record<string, string>): string | undefined {
  if (filters.label !== undefined) return run.judges.find((j) => j.labels.includes(filters.label!))?.column;
  if (filters.min === undefined && filters.max === undefined) return undefined;
  const ratings = run.judges.filter((j) => j.labels.length === 0);
  return ratings.length === 1 ? ratings[0]!.column : undefined;
}

function filterForm(runId: string, run: RunChoices, filters: Record<string, string>): HTMLFormElement {
  const input = (name: string, placeholder: string, type = 'text') => h('input', { name, type, placeholder, value: filters[name] ?? '' });
  const labels = [...new Set(run.judges.flatMap((j) => (filters.judge === undefined || j.column === filters.judge ? j.labels : [])))];
  return filtersForm(
    (data) => {
      const next: Record<string, string> = {};
      for (const key of FILTERS) {
        const v = data.get(key);
        if (typeof v === 'string' && v.trim() !== '') next[key] = v.trim();
      }
      const judge = next.judge ?? judgeFor(run, next);
      if (judge !== undefined) next.judge = judge;
      go(['run', runId, 'samples'], next);
    },
    h('label', {}, 'Group', select('group', run.groups, filters.group)),
    h('label', {}, 'Model', select('model', run.models, filters.model)),
    h('label', {}, 'Question', select('question', run.questions, filters.question)),
    h('label', {}, 'Condition', select('condition', [['none', 'no trigger'], ...run.conditions.map((c): [string, string] => [c, c])], filters.condition)),
    h('label', {}, 'Paraphrase', select('paraphrase', Array.from({ length: run.paraphrases }, (_, i) => String(i)), filters.paraphrase)),
    h('label', {}, 'Judge', select('judge', run.judges.map((j) => j.column), filters.judge)),
    h('label', {}, 'Label', select('label', labels, filters.label)),
    h('label', {}, 'Rating ≥', input('min', 'min', 'number')),
    h('label', {}, 'Rating ≤', input('max', 'max', 'number')),
    h('label', {}, 'Status', select('status', [['unparsed', 'unparsed'], ['refusal', 'refusal'], ['no-answer', 'no answer']], filters.status)),
    h('label', {}, 'Search prompts and answers', input('q', 'words')),
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { href: href(['run', runId, 'samples']) }, 'Clear'),
  );
}

function sampleRow(runId: string, s: SampleSummary, columns: readonly string[]): HTMLTableRowElement {
  return h(
    'tr',
    { data: { ordinal: String(s.ordinal) } },
    h('td', { class: 'num' }, h('a', { href: href(['run', runId, 'sample', String(s.ordinal)]) }, `#${s.ordinal}`)),
    h('td', {}, s.group),
    h('td', {}, s.model),
    h('td', {}, s.baseQuestion, s.condition !== null ? h('span', { class: 'muted' }, ` @${s.condition}`) : null, h('span', { class: 'muted' }, ` p${s.paraphrase} s${s.sampleIx}`)),
    h('td', { class: 'text prompt' }, s.prompt),
    h('td', { class: 'text answer' }, s.answer ?? h('span', { class: 'muted' }, s.status === 'pending' ? 'not asked yet' : 'failed')),
    columns.map((c) => h('td', { class: 'verdict' }, s.judges[c] ? verdictText(s.judges[c]) : '')),
  );
}

/** Downloads the export: a plain link, or (with a key, which a link cannot send) through fetch. */
function exportLink(runId: string, filters: Record<string, string>, format: 'csv' | 'jsonl'): HTMLElement {
  const url = apiUrl(runPath(runId, 'export'), { ...filters, format });
  const filename = `${runId}-samples.${format}`;
  if (!hasKey()) return h('a', { href: url, download: filename, class: 'export', data: { format } }, format.toUpperCase());
  return h(
    'a',
    {
      href: url,
      class: 'export',
      data: { format },
      onclick: (e) => {
        e.preventDefault();
        const link = e.currentTarget as HTMLAnchorElement;
        void fetch(url, { headers: authHeaders() })
          .then(async (r) => {
            if (!r.ok) throw new Error(((await r.json().catch(() => ({}))) as { error?: string }).error ?? `${r.status} ${r.statusText}`);
            return r.blob();
          })
          .then((blob) => {
            const a = h('a', { href: URL.createObjectURL(blob), download: filename });
            a.click();
            URL.revokeObjectURL(a.href);
          })
          .catch((error: unknown) => link.after(h('span', { class: 'error' }, ` export failed: ${error instanceof Error ? error.message : String(error)}`)));
      },
    },
    format.toUpperCase(),
  );
}

export async function samplesView(runId: string, params: URLSearchParams): Promise<HTMLElement> {
  const filters = filtersOf(params);
  const after = params.get('after') ?? undefined;
  const [run, page, count] = await Promise.all([
    getJson<RunChoices>(runPath(runId, 'choices')),
    getJson<SamplePage>(runPath(runId, 'samples'), { ...filters, after }),
    getJson<{ count: number }>(runPath(runId, 'count'), filters),
  ]);
  const columns = run.judges.map((j) => j.column);
  return h(
    'div',
    {},
    h('h1', {}, run.id),
    runTabs(runId, 'samples'),
    filterForm(runId, run, filters),
    h('p', { class: 'count' }, `${count.count.toLocaleString('en-US')} of ${run.samples.toLocaleString('en-US')} samples match`, ' · export ', exportLink(runId, filters, 'csv'), ' ', exportLink(runId, filters, 'jsonl')),
    h(
      'table',
      { class: 'samples' },
      h('thead', {}, h('tr', {}, ['#', 'Group', 'Model', 'Question', 'Prompt', 'Answer', ...columns].map((t) => h('th', {}, t)))),
      h('tbody', {}, page.samples.map((s) => sampleRow(runId, s, columns))),
    ),
    page.samples.length === 0 ? h('p', { class: 'muted empty' }, 'No sample matches these filters.') : null,
    h(
      'div',
      { class: 'pager' },
      after !== undefined ? h('a', { href: href(['run', runId, 'samples'], filters) }, 'First page') : null,
      page.next !== null ? h('a', { href: href(['run', runId, 'samples'], { ...filters, after: page.next }), class: 'next' }, 'Next page') : null,
    ),
  );
}
