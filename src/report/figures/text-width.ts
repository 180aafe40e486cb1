// Text widths for vega's layout, from DejaVu Sans' advance widths (the font figures are drawn in):
// vega's own estimate without a canvas, 0.8 em a character, is a third too wide, so labels were cut
// short and titles and legends pushed the figure's size past what it draws.

/** Advance widths in 1/2048 em of DejaVu Sans, for the characters figures mostly show. */
const ADVANCE: Readonly<Record<string, number>> = {
  ...Object.fromEntries([...'0123456789'].map((d) => [d, 1303])),
  ...Object.fromEntries([...'abcdefghijklmnopqrstuvwxyz'].map((c, i) => [c, [1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075][i]!])),
  ...Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403][i]!])),
  ' ': 651,
  '.': 651,
  ',': 651,
  ':': 690,
  ';': 690,
  '-': 739,
  _: 1024,
  '(': 799,
  ')': 799,
  '[': 799,
  ']': 799,
  '%': 1946,
  '/': 690,
  "'": 563,
  '"': 819,
  '?': 1087,
  '!': 821,
  '+': 1716,
  '=': 1716,
  '<': 1716,
  '>': 1716,
  '&': 1595,
  '*': 1024,
  '#': 1716,
  '@': 2048,
  '–': 1024,
  '—': 2048,
  '…': 2048,
};
/** Characters not in the table (accented, CJK, emoji, symbols): a full em, the widest advance in the table, so that a label is never drawn wider than laid out. */
const OTHER = 2048;
/** Bold glyphs (titles) are wider. */
const BOLD = 1.15;

/** Width in pixels of `text` at `fontSize` pixels. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += ADVANCE[ch] ?? OTHER;
  return Math.ceil((units / 2048) * fontSize * (bold ? BOLD : 1));
}

/** A vega text item, as vega's `textMetrics.width` is handed it. */
interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}

/** `textMetrics.width` for vega: the item's text (or `text`, a line of it) at its size and weight. */
export function vegaTextWidth(item: TextItem, text?: unknown): number {
  const value = text ?? item.text;
  if (value === undefined || value === null) return 0;
  const weight = item.fontWeight;
  return textWidth(String(value), item.fontSize ?? 11, weight === 'bold' || (typeof weight === 'number' && weight >= 600));
}
