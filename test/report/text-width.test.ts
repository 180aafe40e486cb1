// Layout widths for vega: a label laid out narrower than resvg draws it would be cut or overlap.
import { describe, expect, it } from 'vitest';
import { textWidth, vegaTextWidth } from '../../src/report/figures/text-width.js';

describe('textWidth', () => {
  it('gives DejaVu Sans advances: "m" at 2048 units per em is 1995 units', () => {
    expect(textWidth('m', 2048)).toBe(1995);
    expect(textWidth('mm', 11)).toBe(Math.ceil((2 * 1995 * 11) / 2048));
  });

  it('counts a character outside the table (CJK, emoji, accented) as a full em, no narrower than the widest known glyphs', () => {
    for (const unknown of ['漢', '🙂', 'é', '€']) {
      expect(textWidth(unknown, 20), unknown).toBe(20);
      for (const wide of ['m', 'W', 'M', '@', '—']) expect(textWidth(unknown, 20), `${unknown} vs ${wide}`).toBeGreaterThanOrEqual(textWidth(wide, 20));
    }
  });

  it('widens bold text and reads a vega item (size 11 by default; weight by name or number)', () => {
    expect(textWidth('Title', 12, true)).toBeGreaterThan(textWidth('Title', 12));
    expect(vegaTextWidth({ text: 'ab' })).toBe(textWidth('ab', 11));
    expect(vegaTextWidth({ text: 'ab', fontSize: 14, fontWeight: 700 })).toBe(textWidth('ab', 14, true));
    expect(vegaTextWidth({ text: 'ignored', fontWeight: 'bold' }, 'line')).toBe(textWidth('line', 11, true));
    expect(vegaTextWidth({})).toBe(0);
  });
});
