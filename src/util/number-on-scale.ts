// The first number in a model's text, when it lies on a scale (a 0-100 score the model gives
// itself); anything else is unparsed.

/** The first number in `text` if it lies within [min, max], else null. */
export function firstNumberOnScale(text: string, min: number, max: number): number | null {
  const match = /-?\d+(?:\.\d+)?/.exec(text);
  if (!match) return null;
  const value = Number(match[0]);
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}
