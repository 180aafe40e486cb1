// Numbers as the tables show them.
export function percent(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`;
}

export function num(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined ? '—' : v.toFixed(digits);
}

export function usd(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `$${v < 0.01 && v > 0 ? v.toFixed(4) : v.toFixed(2)}`;
}

/** A value of a share (as a percentage) or of a mean rating. */
export function value(kind: string, v: number | null): string {
  return kind === 'mean' ? num(v) : percent(v);
}

export function date(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}
