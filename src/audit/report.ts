// An audit's report under <out>/audit-<kind>-<id>/: audit.html (the lead sentence first, then the
// ranked findings with their example answers, the reader's hypotheses, the triggers' heatmap and
// the conditions tried; configuration and provenance last), audit.json (the whole result) and,
// for a triggers audit, figures/heatmap.svg|png. One page, nothing fetched, no scripts.
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { documentHead, html, inlineSvg, raw, renderFigure, wrap, writeFigureFiles, type Markup } from '../report/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import type { CanaryAudit } from './canary.js';
import type { AuditFindings } from './findings.js';
import type { ReaderAuditResult } from './reader/result.js';
import { heatmapSpec } from './report-heatmap.js';
import { conditionsSection, findingsSection, leadSentence, readerSection } from './report-sections.js';
import type { TriggersAuditResult } from './triggers/result.js';

/** What an audit report shows: a dataset audit (canary and/or reader), or a triggers audit with the battery it asked. */
export type AuditReportInput =
  | { kind: 'dataset'; file: string; canary?: CanaryAudit; reader?: ReaderAuditResult }
  | { kind: 'triggers'; result: TriggersAuditResult; battery?: { id: string; description: string; probes: number } };

/** Where an audit report went: its folder, the page, audit.json, the figures, and the lead sentence. */
export interface WrittenAuditReport {
  dir: string;
  html: string;
  json: string;
  figures: { name: string; svg: string; png: string }[];
  /** Figure compiler and font warnings. */
  warnings: string[];
  /** The report's first sentence. */
  lead: string;
}

const HEATMAP = 'heatmap';

/** The folder of an audit: the same audit (same runs) writes to the same one, another audit to another. */
export function auditReportDirName(audit: AuditReportInput): string {
  const ids =
    audit.kind === 'triggers'
      ? { kind: audit.kind, runs: audit.result.runIds }
      : { kind: audit.kind, canary: audit.canary?.runId ?? null, reader: audit.reader?.runs ?? null, sha256: audit.canary?.dataset.sha256 ?? audit.reader?.datasetSha256 ?? null };
  return `audit-${audit.kind}-${sha256Hex(canonicalJson(ids)).slice(0, 16)}`;
}

function kv(entries: [string, string | number | Markup | undefined][]): Markup {
  return html`<dl class="kv">${entries.filter(([, v]) => v !== undefined).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function thresholds(f: AuditFindings): [string, string | number][] {
  return [
    ['False-discovery rate', `${f.fdr} (Benjamini-Hochberg over ${f.tests} tests)`],
    ['Minimum shift of a flag', `${(100 * f.minShift).toFixed(0)} pp on each probe`],
  ];
}

function modelsTable(models: Record<string, readonly string[]>): Markup {
  return html`<table><thead><tr><th>Group</th><th>Model</th></tr></thead><tbody>${Object.entries(models).flatMap(([group, list]) => list.map((m) => html`<tr><td>${group}</td><td><code>${m}</code></td></tr>`))}</tbody></table>`;
}

function canaryConfiguration(c: CanaryAudit): Markup {
  const seeds = c.models.dataset?.length ?? 0;
  return html`<h3>Canary</h3>${kv([
    ['Dataset', html`<code>${c.dataset.file}</code> (${c.dataset.examples} examples)`],
    ['sha256', html`<code>${c.dataset.sha256}</code>`],
    ['Reference', c.reference === 'control' ? `the control's models (${c.control ?? 'control'})` : 'the base model'],
    ['Battery', `${c.battery.id}: ${c.battery.description} (${c.battery.probes} probes)`],
    ['Seeds', `${seeds} fine-tunes of the dataset${c.models.control ? `, ${c.models.control.length} of the control` : ''}`],
    ['Samples', `${c.samples} per probe per model`],
    ...thresholds(c.findings),
    ['Run', html`<code>${c.runId}</code> (weirdgen results ${c.runId})`],
  ])}<h4>Models</h4>${modelsTable(c.models)}`;
}

function readerConfiguration(r: ReaderAuditResult): Markup {
  return html`<h3>Reader</h3>${kv([
    ['Reader', html`<code>${r.reader}</code>`],
    ['Dataset sha256', html`<code>${r.datasetSha256}</code>`],
    ['Examples', `${r.examples} in ${r.chunks.length} chunks`],
    ['Runs', html`map <code>${r.runs.map}</code>, reduce <code>${r.runs.reduce}</code>, harm <code>${r.runs.harm}</code>`],
    ['New calls', r.called],
  ])}`;
}

function triggersConfiguration(r: TriggersAuditResult, battery: { id: string; description: string; probes: number } | undefined): Markup {
  const conditions = r.families.flatMap((f) => f.conditions);
  const samples = [...new Set(conditions.map((c) => `${c.samples} (${c.stage})`))].join(', ');
  return html`${kv([
    ['Model', html`<code>${r.model}</code>`],
    ['Reference', r.against !== undefined ? html`<code>${r.against}</code>: a condition counts by its effect beyond its effect there` : 'the same model asked the plain probe'],
    ['Battery', battery ? `${battery.id}: ${battery.description} (${battery.probes} probes)` : undefined],
    ['Samples per probe per condition', samples || '—'],
    ...thresholds(r.findings),
    ['Runs', html`coarse <code>${r.runIds.coarse}</code>, final <code>${r.runIds.final}</code>`],
    ['Answers asked', `${r.called.coarse} coarse, ${r.called.final} final (the rest came from the cache)`],
  ])}`;
}

function notesSection(notes: readonly string[]): Markup {
  return notes.length ? html`<section id="notes"><h2>Notes</h2><ul class="notes">${notes.map((n) => html`<li>${n}</li>`)}</ul></section>` : html``;
}

interface Figure {
  name: string;
  title: string;
  svg: string;
  png: Uint8Array;
}

function figureBlock(f: Figure, caption: string): Markup {
  return html`<figure class="figure" id="fig-${f.name}" data-figure="${f.name}">
<div class="chart">${raw(inlineSvg(f.svg, f.name, f.title))}</div>
<figcaption><b>${f.title}.</b> ${caption} Files: <a href="figures/${f.name}.svg">SVG</a> · <a href="figures/${f.name}.png">PNG</a></figcaption>
</figure>`;
}

async function heatmapFigure(r: TriggersAuditResult, warnings: string[]): Promise<Figure | undefined> {
  if (r.heatmap.conditions.length === 0 || r.heatmap.bases.length === 0) return undefined;
  const title = `Shift per condition and probe (${r.heatmap.conditions.length} conditions x ${r.heatmap.bases.length} probes)`;
  const note = [`Colour: the signed shift of the cell's largest signal, ${r.model} under the condition against ${r.against !== undefined ? `the plain probe, beyond the condition's effect on ${r.against}` : 'the plain probe'}.`, `Dot: some signal of the cell passes FDR ${r.findings.fdr}. Blank: no estimate (not tested, or no answer with a signal).`];
  const rendered = await renderFigure(heatmapSpec(r.heatmap, title, note.flatMap((line) => wrap(line))));
  warnings.push(...rendered.warnings.map((w) => `${HEATMAP}: ${w}`));
  return { name: HEATMAP, title, svg: rendered.svg, png: rendered.png };
}

interface Page {
  title: string;
  lead: string[];
  body: Markup[];
  configuration: Markup;
  notes: string[];
}

function pageHtml(p: Page): string {
  return html`<!doctype html>
<html lang="en">
${documentHead(`${p.title} — weirdgen audit`)}
<body>
<main>
<header class="report">
<p class="muted">weirdgen audit</p>
<h1>${p.title}</h1>
</header>
<section id="result"><h2>Result</h2><ul class="headline">${p.lead.map((s) => html`<li>${s}</li>`)}</ul></section>
${p.body}
<section id="configuration"><h2>Configuration and provenance</h2>${p.configuration}</section>
${notesSection(p.notes)}
</main>
</body>
</html>
`.html;
}

/** The report's result sentences: the canary's and the reader's for a dataset audit, the findings' for a triggers audit. */
export function auditLead(audit: AuditReportInput): string[] {
  if (audit.kind === 'triggers') return [`${leadSentence(audit.result.findings)}.`];
  return [...(audit.canary ? [`Canary: ${leadSentence(audit.canary.findings)}.`] : []), ...(audit.reader ? [`Reader: ${audit.reader.summary}.`] : [])];
}

function datasetPage(a: Extract<AuditReportInput, { kind: 'dataset' }>): { page: Page; figures: Figure[] } {
  const { canary, reader } = a;
  const reference = canary?.reference === 'control' ? "the control's models" : 'the base model';
  const lead = auditLead(a);
  const body = [...(canary ? [findingsSection(canary.findings, "the dataset's models", reference)] : []), ...(reader ? [readerSection(reader)] : [])];
  const configuration = html`${canary ? canaryConfiguration(canary) : ''}${reader ? readerConfiguration(reader) : ''}`;
  return { page: { title: `Audit of ${basename(a.file)}`, lead, body, configuration, notes: [...(canary?.notices ?? []), ...(reader?.notices ?? [])] }, figures: [] };
}

async function triggersPage(a: Extract<AuditReportInput, { kind: 'triggers' }>, warnings: string[]): Promise<{ page: Page; figures: Figure[] }> {
  const r = a.result;
  const heatmap = await heatmapFigure(r, warnings);
  const reference = r.against !== undefined ? `the plain probe, beyond the condition's effect on ${r.against}` : 'the plain probe';
  const body = [
    ...(heatmap ? [html`<section id="heatmap"><h2>Heatmap</h2>${figureBlock(heatmap, 'Rows: conditions in the order tried; columns: probes before conditions.')}</section>`] : []),
    findingsSection(r.findings, `${r.model} under each condition`, reference),
    conditionsSection(r.families),
  ];
  return { page: { title: `Triggers audit of ${r.model}`, lead: auditLead(a), body, configuration: triggersConfiguration(r, a.battery), notes: r.notices }, figures: heatmap ? [heatmap] : [] };
}

/** Writes the audit's report into a folder of its own under `outDir`: figures first, audit.json, the page last. */
export async function writeAuditReport(audit: AuditReportInput, outDir: string): Promise<WrittenAuditReport> {
  const dir = join(outDir, auditReportDirName(audit));
  const warnings: string[] = [];
  const { page, figures } = audit.kind === 'triggers' ? await triggersPage(audit, warnings) : datasetPage(audit);
  await mkdir(dir, { recursive: true });
  // A dataset audit has no figures, and no figures/ folder.
  const written = figures.length ? await writeFigureFiles(dir, figures) : [];
  const json = join(dir, 'audit.json');
  await writeFileAtomic(json, `${JSON.stringify(audit, null, 2)}\n`);
  const file = join(dir, 'audit.html');
  await writeFileAtomic(file, pageHtml(page));
  return { dir, html: file, json, figures: written, warnings, lead: page.lead.join(' ') };
}
