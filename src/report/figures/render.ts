// Vega-Lite spec -> SVG (vega, headless) -> PNG (resvg with system fonts). Same spec, same bytes:
// clip and gradient ids are reset, and without a canvas package text is measured by text-width.ts.
// vega, vega-lite and resvg load on the first render: commands that draw nothing never load them.
import type { Resvg } from '@resvg/resvg-js';
import type * as Vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { ReportError } from '../errors.js';
import { vegaTextWidth } from './text-width.js';
import { PRIMARY_FONT } from './theme.js';

export interface RenderedFigure {
  svg: string;
  png: Uint8Array;
  /** Compiler warnings, and a note when no system font drew text into the PNG. */
  warnings: string[];
}

export interface RenderOptions {
  /** PNG pixels per SVG pixel (default 2, for print). */
  scale?: number;
}

type ResvgClass = typeof Resvg;

let resvgClass: Promise<ResvgClass> | undefined;
const loadResvg = (): Promise<ResvgClass> => (resvgClass ??= import('@resvg/resvg-js').then((m) => m.Resvg));

function collector(warnings: string[]): Vega.LoggerInterface {
  const logger: Vega.LoggerInterface = {
    level: (() => logger) as Vega.LoggerInterface['level'],
    error: (...args: readonly unknown[]) => {
      throw new ReportError(`figure: ${args.map(String).join(' ')}`);
    },
    warn: (...args: readonly unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

let fontsChecked: boolean | undefined;

/** Whether resvg finds any font: without one, every label in the PNG is blank. */
export async function systemFontsDrawText(): Promise<boolean> {
  if (fontsChecked !== undefined) return fontsChecked;
  const Resvg = await loadResvg();
  const probe = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><text x="4" y="22" font-size="18" font-family="${PRIMARY_FONT}">Ag</text></svg>`;
  const pixels = new Resvg(probe, { font: { loadSystemFonts: true, defaultFontFamily: PRIMARY_FONT } }).render().pixels;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) inked += 1;
  fontsChecked = inked > 0;
  return fontsChecked;
}

/** Control characters and lone surrogates are not XML: a label with one would make the SVG unreadable. */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export async function renderSvg(spec: TopLevelSpec, warnings: string[] = []): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  // vega's documented hook for text measured without a canvas (vl-convert sets it too); not in its types.
  (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
  const logger = collector(warnings);
  const compiled = vl.compile(spec, { logger }).spec;
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    return xmlSafe(await view.toSVG());
  } finally {
    view.finalize();
  }
}

export async function svgToPng(svg: string, options: RenderOptions = {}): Promise<Uint8Array> {
  const Resvg = await loadResvg();
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: PRIMARY_FONT, sansSerifFamily: PRIMARY_FONT },
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white',
    logLevel: 'off',
  });
  return new Uint8Array(resvg.render().asPng());
}

/** Renders a Vega-Lite spec to SVG and PNG (default scale 2); the same spec gives the same bytes. Errors vega logs are thrown as a `ReportError`. */
export async function renderFigure(spec: TopLevelSpec, options: RenderOptions = {}): Promise<RenderedFigure> {
  const warnings: string[] = [];
  const svg = await renderSvg(spec, warnings);
  const png = await svgToPng(svg, options);
  if (!(await systemFontsDrawText())) warnings.push('no system font found: text in the PNG is blank (install fonts-dejavu-core); the SVG is unaffected');
  return { svg, png, warnings };
}
