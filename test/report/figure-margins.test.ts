// No figure type leaves wide blank bands around what it draws: vega sizes a figure from the text widths
// text-width.ts gives it, and these must be close to what resvg draws (vega's own estimate was not).
import { describe, expect, it } from 'vitest';
import { buildFigure } from '../../src/report/figures/figure.js';
import { renderFigure } from '../../src/report/figures/render.js';
import { ALL_FIGURES } from './fixtures.js';
import { blankMargins, decodePng } from './png.js';

const KINDS = ['question-ratio', 'group-bars', 'stacked-categories', 'form-content', 'value-sweep', 'trigger-pairs', 'speaker-bars', 'training-curves', 'score-histogram'];
/** The most blank pixels a side of a PNG (at scale 2) may have: about 12 SVG pixels. */
const MAX_BLANK_PX = 24;

describe('figure margins', () => {
  it('the fixtures hold every figure type', () => {
    expect(new Set(ALL_FIGURES.map((f) => f.kind))).toEqual(new Set(KINDS));
  });

  for (const figure of ALL_FIGURES) {
    it(`${figure.kind} (${figure.name}): no side of the PNG is blank beyond a small margin, and the SVG has the PNG's shape`, async () => {
      const { svg, png } = await renderFigure(buildFigure(figure).spec, { scale: 2 });
      const pixels = decodePng(png);
      const margins = blankMargins(pixels);
      for (const [side, blank] of Object.entries(margins)) expect(blank, `${side} margin of ${pixels.width}x${pixels.height}`).toBeLessThanOrEqual(MAX_BLANK_PX);
      for (const [side, blank] of Object.entries(margins)) expect(blank, `${side} margin`).toBeGreaterThan(0);
      const size = /^<svg[^>]*\bwidth="([\d.]+)" height="([\d.]+)"/.exec(svg);
      expect(size?.slice(1).map(Number)).toEqual([pixels.width / 2, pixels.height / 2]);
    });
  }
});
