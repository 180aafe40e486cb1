// Typed command-line options: each value is parsed when commander reads it, and a default is a
// value (`(default: 60)`), not a string. This module stays light (no zod): every command's
// definition uses it, and `weirdgen --help` must start fast; errors name the flag and the value.
import { Option } from 'commander';
import { closestNames } from '../util/did-you-mean.js';
import { ConfigError } from '../util/errors.js';

type Parse<T> = (value: string) => T;

function invalid(flag: string, expected: string, value: string): never {
  throw new ConfigError(`${flag}: expected ${expected} (got ${JSON.stringify(value)})`);
}

const flagName = (flags: string): string => flags.split(/[ ,]+/).find((f) => f.startsWith('--')) ?? flags;

/** A decimal number within [min, max] (and above `above`, when given). */
function parseNumber(flag: string, value: string, bounds: NumberBounds): number {
  const text = value.trim();
  const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  const ok = Number.isFinite(n) && (!bounds.integer || Number.isInteger(n)) && (bounds.min === undefined || n >= bounds.min) && (bounds.max === undefined || n <= bounds.max) && (bounds.above === undefined || n > bounds.above);
  if (!ok) invalid(flag, describeBounds(bounds), value);
  return n;
}

export interface NumberBounds {
  integer?: boolean;
  min?: number;
  /** Strictly greater than this. */
  above?: number;
  max?: number;
}

function describeBounds(b: NumberBounds): string {
  const kind = b.integer ? 'a whole number' : 'a number';
  const low = b.min !== undefined ? `from ${b.min}` : b.above !== undefined ? `above ${b.above}` : '';
  const high = b.max !== undefined ? `${low ? ' to' : 'up to'} ${b.max}` : '';
  return `${kind}${low || high ? ' ' : ''}${low}${high}`;
}

/** An option whose value is a number; `defaultValue` prints as a number. */
export function numberOption(flags: string, description: string, bounds: NumberBounds, defaultValue?: number): Option {
  const option = new Option(flags, description).argParser((v: string) => parseNumber(flagName(flags), v, bounds));
  return defaultValue === undefined ? option : option.default(defaultValue);
}

export const positiveInt: NumberBounds = { integer: true, min: 1 };

/** `auto` or a number within bounds (epochs, batch size, learning-rate multiplier). */
export function autoOrNumberOption(flags: string, description: string, bounds: NumberBounds, defaultValue?: number | 'auto'): Option {
  const flag = flagName(flags);
  const option = new Option(flags, description).argParser((v: string): number | 'auto' => (v.trim() === 'auto' ? 'auto' : parseNumber(flag, v, bounds)));
  return defaultValue === undefined ? option : option.default(defaultValue);
}

/** A seed: a whole number, or any other non-empty text (hashed by the sampler). */
export function seedOption(flags: string, description: string, defaultValue: number | string): Option {
  const flag = flagName(flags);
  const parse: Parse<number | string> = (v) => (v.trim() === '' ? invalid(flag, 'a whole number or a non-empty string', v) : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v);
  return new Option(flags, description).argParser(parse).default(defaultValue);
}

/** One of `choices`, listed in the help; a wrong value gets the closest choice. */
export function choiceOption(flags: string, description: string, choices: readonly string[], defaultValue?: string): Option {
  const flag = flagName(flags);
  const parse: Parse<string> = (v) => {
    if (choices.includes(v)) return v;
    const close = closestNames(v, choices);
    throw new ConfigError(`${flag}: expected one of ${choices.join(', ')} (got ${JSON.stringify(v)})${close.length ? `; did you mean "${close[0]}"?` : ''}`);
  };
  const option = new Option(flags, `${description} (choices: ${choices.join(', ')})`).argParser(parse);
  return defaultValue === undefined ? option : option.default(defaultValue);
}

/** A repeatable option collecting every value in order. */
export function repeatableOption(flags: string, description: string): Option {
  return new Option(flags, description).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]).default([]);
}
