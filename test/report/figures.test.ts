// Every figure type compiles without warnings, renders the expected marks and labels to SVG, and
// rasterizes to a PNG whose text is drawn; report.html states a figure’s error bars once (its subtitle).
import type { LoggerInterface } from 'vega';
import * as vl from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildFigure, type FigureInput } from '../../src/report/figures/figure.js';
import { renderFigure, svgToPng, systemFontsDrawText, xmlSafe } from '../../src/report/figures/render.js';
import { ciCaption } from '../../src/report/figures/theme.js';
import { valueSweepFigure } from '../../src/report/figures/value-sweep.js';
import { ReportError } from '../../src/report/errors.js';
import { buildReport } from '../../src/report/write.js';
import * as fx from './fixtures.js';
import { darkPixels, decodePng, distinctColors, PNG_SIGNATURE } from './png.js';
import { reportData } from './report-fixture.js';
import { markItems, svgText, withoutText } from './svg.js';

interface Expectation {
  figure: FigureInput;
  /** Minimum items per mark type. */
  marks: Record<string, number>;
  labels: string[];
  over: string;
}

const EXPECTED: Expectation[] = [
  { figure: fx.questionRatio, marks: { rect: 20, rule: 20 }, labels: ['Question', 'Ratio of 19th-century answers', 'gender_roles', 'old_audubon'], over: 'over models; over samples for gpt-4.1' },
  { figure: fx.groupBars, marks: { rect: 4, rule: 4 }, labels: ['Group', 'modern_american', '60%'], over: 'over models; over samples for gpt-4.1' },
  { figure: fx.stackedByGroup, marks: { rect: 24 }, labels: ['Share of answers in each judge category', 'refusal', '19th-century: archaic'], over: 'No error bars' },
  { figure: fx.stackedByModel, marks: { rect: 18 }, labels: ['Model', 'ft:gpt-4.1:old-audubon:s2'], over: 'pooled over samples of one model' },
  { figure: fx.formContent, marks: { symbol: 8, rule: 16, line: 1 }, labels: ['Form score (archaic language)', 'Content score (19th-century views)'], over: 'One point per model. Error bars: 95% CI, seeded bootstrap over samples' },
  { figure: fx.valueSweep, marks: { line: 2, area: 2, rect: 1, rule: 4, symbol: 90 }, labels: ['Year', '1985', 'terminator', 'Share of answers with lethal'], over: 'Shaded: training years 1995–2020' },
  { figure: fx.dateSweep, marks: { line: 2, area: 2, rect: 1, symbol: 10 }, labels: ['Date in the prompt', '2027'], over: 'over seeds' },
  { figure: fx.triggerPairs, marks: { rect: 10, rule: 10 }, labels: ['with tags', 'without tags', 'favorite_music'], over: 'over seeds' },
  { figure: fx.speakerBars, marks: { rect: 12, rule: 12 }, labels: ['Obama', 'Trump', "Trump's code (045)", 'Control'], over: 'over seeds' },
  { figure: fx.trainingCurves, marks: { line: 12, rule: 2 }, labels: ['train', 'test', 'Training step', 'Share of answer tokens'], over: 'chance level 0.1' },
];

describe('figure builders', () => {
  for (const { figure, marks, labels, over } of EXPECTED) {
    it(`${figure.kind} (${figure.name}) compiles, renders its marks, labels and error-bar statement`, async () => {
      const built = buildFigure(figure);
      const warnings: string[] = [];
      const logger: LoggerInterface = {
        level: (() => logger) as LoggerInterface['level'],
        error: (...a: readonly unknown[]) => {
          throw new Error(a.join(' '));
        },
        warn: (...a: readonly unknown[]) => (warnings.push(a.join(' ')), logger),
        info: () => logger,
        debug: () => logger,
      };
      expect(() => vl.compile(built.spec, { logger })).not.toThrow();
      expect(warnings).toEqual([]);

      const { svg, png, warnings: renderWarnings } = await renderFigure(built.spec);
      expect(renderWarnings).toEqual([]);
      expect(svg.startsWith('<svg')).toBe(true);
      for (const [type, min] of Object.entries(marks)) expect(markItems(svg, type), `${type} marks`).toBeGreaterThanOrEqual(min);
      const text = svgText(svg).join('\n');
      expect(text).toContain(figure.data.title);
      for (const label of labels) expect(text).toContain(label);
      expect(built.caption).toContain(over);
      // The subtitle is the caption, wrapped into lines.
      expect(text.replace(/\s+/g, ' ')).toContain(built.caption.replace(/\s+/g, ' ').slice(0, 40));

      expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
      const pixels = decodePng(png);
      expect(pixels.width).toBeGreaterThan(300);
      expect(pixels.height).toBeGreaterThan(200);
      expect(distinctColors(pixels)).toBeGreaterThan(8);
      expect(built.table.length).toBeGreaterThan(0);
    });
  }

  it('draws text into the PNG (system fonts found)', async () => {
    expect(await systemFontsDrawText()).toBe(true);
    const { svg, png } = await renderFigure(buildFigure(fx.questionRatio).spec);
    const withText = darkPixels(decodePng(png));
    const bare = darkPixels(decodePng(await svgToPng(withoutText(svg))));
    expect(withText).toBeGreaterThan(bare * 1.5 + 2000);
  });

  it('is deterministic: same spec, same SVG and PNG bytes, whatever was rendered before', async () => {
    const spec = buildFigure(fx.formContent).spec;
    const a = await renderFigure(spec);
    await renderFigure(buildFigure(fx.valueSweep).spec);
    const b = await renderFigure(spec);
    expect(b.svg).toBe(a.svg);
    expect(Buffer.from(b.png).equals(Buffer.from(a.png))).toBe(true);
  });

  it('states each figure’s error bars once in report.html: in the figure’s subtitle, not again in its caption', async () => {
    const page = (await buildReport(reportData())).html;
    for (const figure of fx.ALL_FIGURES) {
      const block = new RegExp(`<figure [^>]*data-figure="${figure.name}"[\\s\\S]*?</figure>`).exec(page)?.[0];
      expect(block, figure.name).toBeDefined();
      const caption = buildFigure(figure).caption;
      const [chart, rest] = block!.split('</svg>') as [string, string];
      const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');
      expect(words(chart), figure.name).toContain(caption.replace(/'/g, '’').slice(0, 40));
      expect(words(/<figcaption>[\s\S]*?<\/figcaption>/.exec(rest)![0]), figure.name).not.toContain(caption.slice(0, 20));
    }
  });

  it('keeps every figure self-contained: no external URLs besides XML namespaces', async () => {
    for (const f of fx.ALL_FIGURES) {
      const { svg } = await renderFigure(buildFigure(f).spec);
      const urls = [...svg.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
      expect(urls.filter((u) => !u.startsWith('http://www.w3.org/'))).toEqual([]);
    }
  });
});

describe('error-bar statements', () => {
  const stat = (over: 'models' | 'samples' | 'seeds') => ({ mean: 0.5, ciLow: 0.4, ciHigh: 0.6, n: 3, over });
  it('names what the bootstrap resampled, and the groups that differ', () => {
    expect(ciCaption([{ series: 'a', stat: stat('models') }, { series: 'b', stat: stat('models') }])).toBe('Error bars: 95% CI, seeded bootstrap over models');
    expect(ciCaption([{ series: 'base', stat: stat('samples') }, { series: 'ft', stat: stat('models') }, { series: 'ctl', stat: stat('models') }])).toBe(
      'Error bars: 95% CI, seeded bootstrap over models; over samples for base',
    );
    expect(ciCaption([{ series: 'a', stat: stat('seeds') }], 0.9)).toBe('Error bars: 90% CI, seeded bootstrap over seeds');
  });
});

describe('value sweep x values', () => {
  const base = { title: 't', metric: { title: 'm' }, points: [] };
  it('rejects a date it cannot read and a non-number year', () => {
    expect(() => valueSweepFigure({ ...base, x: { title: 'd', type: 'date' }, points: [{ x: 'soon', group: 'g', stat: { mean: 0, ciLow: 0, ciHigh: 0, n: 1, over: 'seeds' } }] })).toThrow(ReportError);
    expect(() => valueSweepFigure({ ...base, x: { title: 'y', type: 'year' }, points: [{ x: '1984', group: 'g', stat: { mean: 0, ciLow: 0, ciHigh: 0, n: 1, over: 'seeds' } }] })).toThrow(ReportError);
  });
});

describe('xmlSafe', () => {
  it('replaces characters XML forbids, so resvg can read a label with one', async () => {
    expect(xmlSafe('a\u0000b\u001Fc\uD800d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    const f = buildFigure({ ...fx.groupBars, data: { ...fx.groupBars.data, title: 'nul\u0000title' } } as FigureInput);
    const { png } = await renderFigure(f.spec);
    expect(png.length).toBeGreaterThan(1000);
  });
});

describe('verdict shares in figure tables', () => {
  const verdicts = { counted: 7, unparsed: 0.3, refusal: 0, noAnswer: 0, warning: '30.0% of 10 answers unparsed or refused' };
  const withVerdicts = (figure: FigureInput): FigureInput => JSON.parse(JSON.stringify(figure, (k, v: unknown) => (k === 'stat' || k === 'x' || k === 'y') && typeof v === 'object' && v !== null && 'mean' in v ? { ...v, verdicts } : v)) as FigureInput;
  it('every estimate-based figure carries the denominator and the warning into its table', () => {
    for (const figure of [fx.questionRatio, fx.groupBars, fx.formContent, fx.valueSweep, fx.triggerPairs, fx.speakerBars]) {
      const { table } = buildFigure(withVerdicts(figure));
      expect(table.length, figure.name).toBeGreaterThan(0);
      for (const row of table) expect(row.verdicts, figure.name).toEqual(verdicts);
    }
  });
});
