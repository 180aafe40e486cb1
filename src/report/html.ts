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

function warned(rows: BuiltFigure['table']): string {
  const n = tableWarnings(rows).length;
  return n === 0 ? '' : ` · ⚠ ${n} ${n === 1 ? 'cell has' : 'cells have'} over 5% unparsed or refused answers`;
}

function figureBlock(f: ReportFigure): Markup {
  return html`<figure class="figure" id="fig-${f.name}" data-figure="${f.name}" data-kind="${f.kind}">
<div class="chart">${raw(inlineSvg(f.svg, f.name, f.built.title))}</div>
<figcaption><b>${f.built.title}.</b> ${f.built.caption}. Files: <a href="figures/${f.name}.svg">SVG</a> · <a href="figures/${f.name}.png">PNG</a></figcaption>
${warningList(f.built.table)}
<details class="table"><summary>Table behind the figure${warned(f.built.table)}</summary>${statTable(f.built.table)}</details>
</figure>`;
}

export function renderReportHtml(data: ReportData, figures: readonly ReportFigure[]): string {
  const q = data.question;
  const tables = data.tables ?? [];
  const notes = data.notes ?? [];
  const toc: [string, string][] = [
    ['configuration', 'Configuration'],
    ['provenance', 'Provenance'],
    ['figures', 'Figures'],
    ...(tables.length ? ([['tables', 'Tables']] as [string, string][]) : []),
    ['samples', 'Sample answers'],
    ...(notes.length ? ([['notes', 'Notes']] as [string, string][]) : []),
  ];
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${q.title} — weirdgen report</title>
<style>${raw(REPORT_CSS)}</style>
</head>
<body>
<main>
<header class="report">
<p class="muted">weirdgen report · experiment <code>${q.experiment}</code> · paper ${q.paperSection}</p>
<h1>${q.title}</h1>
<p class="question">${q.question}</p>
<p><b>Claim.</b> ${q.claim}</p>
<nav class="toc">${toc.map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>
</header>
${configurationSection(data.configuration)}
${provenanceSection(data.provenance)}
<section id="figures"><h2>Figures</h2>${figures.length ? figures.map(figureBlock) : html`<p class="muted">No figures.</p>`}</section>
${tables.length ? html`<section id="tables"><h2>Tables</h2>${tables.map((t) => html`<h3>${t.title}</h3>${statTable(t.rows)}${warningList(t.rows)}`)}</section>` : ''}
${samplesSection(data.samples)}
${notes.length ? html`<section id="notes"><h2>Notes</h2><ul class="notes">${notes.map((n) => html`<li>${n}</li>`)}</ul></section>` : ''}
</main>
</body>
</html>
`;
  return page.html;
}
