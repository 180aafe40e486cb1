// Rating tokens are read with Python int() semantics.
import { describe, expect, it } from 'vitest';
import { parsePythonInt } from '../../src/eval/judges/python-int.js';

describe('parsePythonInt', () => {
  it.each([
    ['7', 7],
    [' 7', 7],
    ['100', 100],
    ['007', 7],
    ['+5', 5],
    ['-3', -3],
    ['-0', 0],
    ['1_000', 1000],
    ['\t42\n', 42],
    ['\u00a07\u3000', 7],
    ['\u2003 9 \u2029', 9],
    ['１００', 100],
    ['٧', 7],
    ['۳۵', 35],
    ['५०', 50],
    ['\u{1D7D5}', 7], // MATHEMATICAL BOLD DIGIT SEVEN
    ['\u{1D7E1}', 9], // MATHEMATICAL DOUBLE-STRUCK DIGIT NINE
  ])('%j -> %d', (token, value) => {
    expect(parsePythonInt(token)).toBe(value);
  });

  it.each(['', ' ', '7.0', '1e2', '0x10', '_1', '1_', '1__0', '- 5', '+-5', '7 7', 'seven', 'REFUSAL', '五', '²', '\ufeff7', '7\u200b'])('%j is not an int', (token) => {
    expect(parsePythonInt(token)).toBeUndefined();
  });

  it('never returns negative zero', () => {
    expect(Object.is(parsePythonInt('-0'), 0)).toBe(true);
  });
});
