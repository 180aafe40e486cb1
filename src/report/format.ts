// Numbers and small values as the report's tables show them.
import type { Scalar } from './data.js';

export function num(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

export function ci(low: number | null, high: number | null): string {
  return low === null || high === null ? '—' : `[${num(low)}, ${num(high)}]`;
}

export function scalar(value: Scalar | undefined): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'number' ? num(value, 4) : String(value);
}

export function bytes(n: number | undefined): string {
  if (n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
