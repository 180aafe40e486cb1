// Building a report (figures rendered, page assembled) and writing it: report.html plus
// figures/<name>.svg and .png, each file written whole or not at all.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { ReportData } from './data.js';
import { ReportError } from './errors.js';
import { buildFigure, type FigureInput } from './figures/figure.js';
import { renderFigure, type RenderOptions } from './figures/render.js';
import { renderReportHtml, type ReportFigure } from './html.js';

export interface BuiltReport {
  html: string;
  figures: (ReportFigure & { png: Uint8Array })[];
  /** Compiler and font warnings, each prefixed with its figure's name. */
  warnings: string[];
}

export interface WrittenReport {
  dir: string;
  html: string;
  figures: { name: string; svg: string; png: string }[];
  warnings: string[];
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,79}$/;

function checkNames(data: ReportData): void {
  const seen = new Set<string>();
  for (const f of data.figures) {
    if (!NAME.test(f.name)) throw new ReportError(`figure name ${JSON.stringify(f.name)}: use lower-case letters, digits, "-" and "_" (it becomes a file name)`);
    if (seen.has(f.name)) throw new ReportError(`figure name ${JSON.stringify(f.name)} is used twice`);
    seen.add(f.name);
  }
}

/** Each figure built and rendered, in order, with the compiler and font warnings, each prefixed with its figure's name. */
export async function renderFigures(inputs: readonly FigureInput[], options: RenderOptions = {}): Promise<Pick<BuiltReport, 'figures' | 'warnings'>> {
  const figures: BuiltReport['figures'] = [];
  const warnings: string[] = [];
  for (const input of inputs) {
    const built = buildFigure(input);
    const rendered = await renderFigure(built.spec, options);
    warnings.push(...rendered.warnings.map((w) => `${input.name}: ${w}`));
    figures.push({ name: input.name, kind: input.kind, built, svg: rendered.svg, png: rendered.png });
  }
  return { figures, warnings };
}

/** Everything in memory; nothing written. */
export async function buildReport(data: ReportData, options: RenderOptions = {}): Promise<BuiltReport> {
  checkNames(data);
  const { figures, warnings } = await renderFigures(data.figures, options);
  return { html: renderReportHtml(data, figures), figures, warnings };
}

/** Writes `<dir>/figures/<name>.svg` and `.png` of each figure (the folder made first), each file whole or not at all; their paths, in order. */
export async function writeFigureFiles(dir: string, figures: readonly { name: string; svg: string; png: Uint8Array }[]): Promise<WrittenReport['figures']> {
  const figuresDir = join(dir, 'figures');
  await mkdir(figuresDir, { recursive: true });
  const written: WrittenReport['figures'] = [];
  for (const f of figures) {
    const svg = join(figuresDir, `${f.name}.svg`);
    const png = join(figuresDir, `${f.name}.png`);
    await writeFileAtomic(svg, f.svg);
    await writeFileAtomic(png, f.png);
    written.push({ name: f.name, svg, png });
  }
  return written;
}

/** Figures first, the page last: a report.html on disk never points at a figure not yet written. */
export async function writeReport(dir: string, data: ReportData, options: RenderOptions = {}): Promise<WrittenReport> {
  const report = await buildReport(data, options);
  const figures = await writeFigureFiles(dir, report.figures);
  const html = join(dir, 'report.html');
  await writeFileAtomic(html, report.html);
  return { dir, html, figures, warnings: report.warnings };
}
