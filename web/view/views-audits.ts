// Audits: the workspace's saved audits, and one audit's result sentences, ranked findings (why each
// is or is not a flag, the largest tests with both sides' shares over their samples, example
// answers), the reader's hypothesis, a triggers audit's heatmap, configuration and notices.
import { getJson } from './api.js';
import { h } from './dom.js';
import { drawChart } from './figures.js';
import { date } from './format.js';
import { href } from './route.js';
import type { AuditDetail, AuditFinding, AuditFindings, AuditList, AuditListing, AuditTest } from '../../src/view/api-types.js';

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(0)}%`);
const pp = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(0)} pp`);
const qText = (q: number | null) => (q === null ? '—' : q < 0.001 ? q.toExponential(1) : q.toFixed(3));

const title = (a: AuditListing) => (a.kind === 'triggers' ? `Triggers audit of ${a.subject}` : `Audit of ${a.subject.split(/[\\/]/).pop() ?? a.subject}`);

function runLinks(runs: readonly string[]): HTMLElement {
  return h('span', {}, runs.map((r, i) => [i > 0 ? ', ' : '', h('a', { href: href(['run', r]) }, r)]));
}

/** The audits of `list` as a table, newest first. */
export function auditsTable(list: readonly AuditListing[]): HTMLElement {
  return h(
    'table',
    { class: 'audits' },
    h('thead', {}, h('tr', {}, ['Audit', 'Kind', 'Subject', 'Saved', 'Flagged', 'Tests', 'Result', 'Runs'].map((t) => h('th', {}, t)))),
    h(
      'tbody',
      {},
      list.map((a) =>
        h(
          'tr',
          { data: { audit: a.id } },
          h('td', {}, h('a', { href: href(['audit', a.id]) }, a.id)),
          h('td', {}, a.kind),
          h('td', { class: 'text' }, a.subject),
          h('td', {}, date(a.createdAt)),
          h('td', { class: a.flagged > 0 ? 'num warn' : 'num' }, `${a.flagged} of ${a.findings} findings`),
          h('td', { class: 'num' }, a.tests.toLocaleString('en-US')),
          h('td', {}, a.lead.join(' ')),
          h('td', {}, runLinks(a.runs)),
        ),
      ),
    ),
  );
}

export async function auditsView(): Promise<HTMLElement> {
  const { audits, unreadable } = await getJson<AuditList>('audits');
  return h(
    'div',
    {},
    h('h1', {}, 'Audits'),
    audits.length ? auditsTable(audits) : h('p', { class: 'muted' }, 'No saved audits in this workspace yet: weirdgen audit dataset and weirdgen audit triggers save theirs.'),
    unreadable.length
      ? h('div', { class: 'unreadable' }, h('h2', { class: 'warn' }, 'Files that are not saved audits'), h('ul', {}, unreadable.map((u) => h('li', {}, h('code', {}, u.file), ': ', u.problem))))
      : null,
  );
}

function testsTable(tests: readonly AuditTest[]): HTMLElement {
  return h(
    'table',
    { class: 'audit-tests' },
    h('thead', {}, h('tr', {}, ['Probe', 'Condition', 'Signal', 'Subject', 'Reference', 'Shift [95% CI]', 'q'].map((t) => h('th', {}, t)))),
    h(
      'tbody',
      {},
      tests.map((t) =>
        h(
          'tr',
          {},
          h('td', {}, h('code', {}, t.base), t.seenInData ? h('span', { class: 'label' }, 'in the data') : null),
          h('td', {}, t.condition ?? 'plain'),
          h('td', {}, t.text),
          h('td', { class: 'num' }, `${pct(t.subject)} of ${t.nSubject}`, t.missingSubject ? h('div', { class: 'muted' }, `${t.missingSubject} with no signal`) : null),
          h('td', { class: 'num' }, `${pct(t.reference)} of ${t.nReference}`, t.missingReference ? h('div', { class: 'muted' }, `${t.missingReference} with no signal`) : null),
          h('td', { class: 'num' }, `${pp(t.shift)} [${pp(t.ciLow)}, ${pp(t.ciHigh)}]`),
          h('td', { class: 'num' }, qText(t.qValue)),
        ),
      ),
    ),
  );
}

function findingBlock(f: AuditFinding, rank: number, minShift: number): HTMLElement {
  return h(
    'article',
    { class: 'finding', data: { latent: f.latent, flagged: String(f.status === 'flagged') } },
    h('h3', {}, `${rank}. ${f.text} `, h('span', { class: f.status === 'flagged' ? 'label flagged' : 'label' }, f.status)),
    h(
      'dl',
      { class: 'meta' },
      h('dt', {}, 'Latent'),
      h('dd', {}, h('code', {}, f.latent)),
      h('dt', {}, 'Why'),
      h('dd', {}, f.why),
      h('dt', {}, 'Breadth'),
      h('dd', {}, `${f.breadth} of the ${f.reach} probes that can show it move by at least ${pp(minShift)} under one condition`),
      h('dt', {}, 'Significant increases'),
      h('dd', {}, `${f.significant} on ${f.probes} probes (${f.probesOutsideData} outside the data), largest ${pp(f.maxShift)}`),
    ),
    testsTable(f.tests),
    f.significant > f.tests.length ? h('p', { class: 'muted' }, `${f.significant - f.tests.length} more significant tests in the audit's JSON.`) : null,
    f.examples.length
      ? h('details', { class: 'examples' }, h('summary', {}, 'Example answers of the subject'), h('ol', {}, f.examples.map((e) => h('li', {}, h('div', { class: 'muted' }, `${e.where} · ${e.signal}`), h('pre', { class: 'text answer' }, e.answer)))))
      : null,
  );
}

function findingsSection(r: AuditFindings): HTMLElement {
  return h(
    'section',
    { id: 'findings' },
    h('h2', {}, 'Findings'),
    h('p', {}, `${r.tests} tests of ${r.subject} against ${r.reference}, corrected together (Benjamini-Hochberg at FDR ${r.fdr}). Shares are of the samples with a signal; the denominators are beside them.`),
    r.findings.length ? r.findings.map((f, i) => findingBlock(f, i + 1, r.minShift)) : h('p', { class: 'muted' }, 'No significant increase.'),
    r.decreases.length
      ? [
          h('h3', {}, 'Significant decreases (what the new behaviour displaced)'),
          testsTable(r.decreases),
          r.decreasesTotal > r.decreases.length ? h('p', { class: 'muted' }, `${r.decreasesTotal - r.decreases.length} more in the audit's JSON.`) : null,
        ]
      : null,
  );
}

function conditionsTable(conditions: AuditDetail['conditions'][number]['conditions']): HTMLElement {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ['Condition', 'Text', 'Stage', 'Samples per probe'].map((t) => h('th', {}, t)))),
    h('tbody', {}, conditions.map((c) => h('tr', {}, h('td', {}, h('code', {}, c.id)), h('td', { class: 'text' }, c.text), h('td', {}, c.stage), h('td', { class: 'num' }, c.samples)))),
  );
}

export async function auditView(id: string): Promise<HTMLElement> {
  const a = await getJson<AuditDetail>(`audits/${encodeURIComponent(id)}`);
  const heatmap = h('div', { class: 'figures' });
  const page = h(
    'div',
    { class: 'audit', data: { audit: a.id } },
    h('h1', {}, title(a)),
    h('p', { class: 'muted' }, `${a.kind} audit ${a.id}, saved ${date(a.createdAt)}; runs: `, runLinks(a.runs)),
    h('section', { id: 'result' }, h('h2', {}, 'Result'), h('ul', { class: 'lead' }, a.lead.map((s) => h('li', {}, s)))),
    a.heatmap ? h('section', { id: 'heatmap' }, h('h2', {}, 'Heatmap'), h('p', { class: 'muted' }, 'Rows: conditions in the order tried; columns: probes. Hover a cell for its values.'), heatmap) : null,
    a.ranked ? findingsSection(a.ranked) : null,
    a.reader
      ? h(
          'section',
          { id: 'reader' },
          h('h2', {}, 'Reader audit'),
          h('p', {}, `${a.reader.summary}.`),
          h('p', {}, 'Overall hypothesis: ', a.reader.hypothesis ?? h('span', { class: 'muted' }, 'none'), ` — agreement ${a.reader.agreeing} of ${a.reader.samples} samples (reader ${a.reader.reader}).`),
        )
      : null,
    a.conditions.length
      ? h(
          'section',
          { id: 'conditions' },
          h('h2', {}, 'Conditions tried'),
          a.conditions.map((f) => h('div', {}, h('h3', {}, f.family), conditionsTable(f.conditions))),
        )
      : null,
    h('section', { id: 'configuration' }, h('h2', {}, 'Configuration and provenance'), h('dl', { class: 'meta' }, a.configuration.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    a.notices.length ? h('section', { id: 'notes' }, h('h2', {}, 'Notes'), h('ul', {}, a.notices.map((n) => h('li', {}, n)))) : null,
  );
  if (a.heatmap) heatmap.append(await drawChart('heatmap', a.heatmap.spec).catch((e: unknown) => h('p', { class: 'error' }, `${a.heatmap!.title}: ${e instanceof Error ? e.message : String(e)}`)));
  return page;
}
