// report.html: one self-contained page (inline CSS, figures as inline SVG, no scripts, nothing
// fetched). A Content-Security-Policy forbids scripts and loads as a second line behind escaping.
import type { ReportData } from './data.js';
import { html, raw, type Markup } from './escape.js';
import type { FigureKind } from './figures/figure.js';
import type { BuiltFigure } from './figures/types.js';
import { inlineSvg } from './inline-svg.js';
import { configurationSection, provenanceSection, samplesSection, statTable, tableWarnings, warningList } from './sections.js';
import { REPORT_CSS } from './style.js';

export interface ReportFigure {
  name: string;
  kind: FigureKind;
  built: BuiltFigure;
  svg: string;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The head of a self-contained report page: no scripts, nothing fetched, the report stylesheet. */
export function documentHead(title: string): Markup {
  return html`<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(REPORT_CSS)}</style>
</head>`;
}

function warned(rows: BuiltFigure['table']): string {
  const n = tableWarnings(rows).length;
  return n === 0 ? '' : ` · ⚠ ${n} ${n === 1 ? 'cell has' : 'cells have'} over 5% unparsed or refused answers`;
}

function figureBlock(f: ReportFigure): Markup {
  return html`<figure class="figure" id="fig-${f.name}" data-figure="${f.name}" data-kind="${f.kind}">
<div class="chart">${raw(inlineSvg(f.svg, f.name, f.built.title))}</div>
<figcaption><b>${f.built.title}.</b> Files: <a href="figures/${f.name}.svg">SVG</a> · <a href="figures/${f.name}.png">PNG</a></figcaption>
${warningList(f.built.table)}
<details class="table"><summary>Table behind the figure${warned(f.built.table)}</summary>${statTable(f.built.table)}</details>
</figure>`;
}

function resultSection(data: ReportData, key: ReportFigure | undefined): Markup {
  const sentences = data.headline ?? [];
  const missing = data.missing ?? [];
  return html`<section id="result"><h2>Result</h2>${
    sentences.length ? html`<ul class="headline">${sentences.map((s) => html`<li>${s}</li>`)}</ul>` : html`<p class="muted">No headline metric: see the tables below.</p>`
  }${key ? figureBlock(key) : ''}${
    missing.length ? html`<div class="missing"><b>Not in this report</b> (the store does not keep it):<ul>${missing.map((m) => html`<li>${m}</li>`)}</ul></div>` : ''
  }</section>`;
}

/** The result first (headline sentences, the key figure), then the other figures, tables and samples; configuration and provenance last. */
export function renderReportHtml(data: ReportData, figures: readonly ReportFigure[]): string {
  const q = data.question;
  const tables = data.tables ?? [];
  const notes = data.notes ?? [];
  const key = figures.find((f) => f.name === data.keyFigure) ?? figures[0];
  const rest = figures.filter((f) => f !== key);
  const toc: [string, string][] = [
    ['result', 'Result'],
    ...(rest.length ? ([['figures', 'Figures']] as [string, string][]) : []),
    ...(tables.length ? ([['tables', 'Tables']] as [string, string][]) : []),
    ['samples', 'Sample answers'],
    ['configuration', 'Configuration'],
    ['provenance', 'Provenance'],
    ...(notes.length ? ([['notes', 'Notes']] as [string, string][]) : []),
  ];
  const page = html`<!doctype html>
<html lang="en">
${documentHead(`${q.title} — weirdgen report`)}
<body>
<main>
<header class="report">
${data.banner !== undefined ? html`<p class="banner" role="note">${data.banner}</p>` : ''}
<p class="muted">weirdgen report · experiment <code>${q.experiment}</code>${q.paperSection ? html` · paper ${q.paperSection}` : ''}</p>
<h1>${q.title}</h1>
<p class="question">${q.question}</p>
<p><b>Claim.</b> ${q.claim}</p>
<nav class="toc">${toc.map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>
</header>
${resultSection(data, key)}
${rest.length ? html`<section id="figures"><h2>Figures</h2>${rest.map(figureBlock)}</section>` : ''}
${tables.length ? html`<section id="tables"><h2>Tables</h2>${tables.map((t) => html`<h3>${t.title}</h3>${statTable(t.rows)}${warningList(t.rows)}`)}</section>` : ''}
${samplesSection(data.samples, data.configuration.run)}
${configurationSection(data.configuration)}
${provenanceSection(data.provenance)}
${notes.length ? html`<section id="notes"><h2>Notes</h2><ul class="notes">${notes.map((n) => html`<li>${n}</li>`)}</ul></section>` : ''}
</main>
</body>
</html>
`;
  return page.html;
}
