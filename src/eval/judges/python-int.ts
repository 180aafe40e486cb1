// Python int(str) for rating tokens: whitespace, a sign, underscores between digits, any Unicode decimal digit.

// What int() strips: str.isspace() minus U+001C..U+001F (checked against CPython 3.11); unlike JS \s, not U+FEFF.
const PY_SPACE = '[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]';
const PY_INT = new RegExp(`^${PY_SPACE}*([+-]?)(\\p{Nd}+(?:_\\p{Nd}+)*)${PY_SPACE}*$`, 'u');
const DECIMAL = /^\p{Nd}$/u;

/** Value of one decimal digit: Unicode encodes every decimal digit in runs that start at zero and climb to nine. */
function digitValue(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  let start = code;
  while (DECIMAL.test(String.fromCodePoint(start - 1))) start -= 1;
  return (code - start) % 10;
}

/** The integer Python's int(text) gives, or undefined where Python raises ValueError. */
export function parsePythonInt(text: string): number | undefined {
  const match = PY_INT.exec(text);
  if (!match) return undefined;
  let value = 0;
  for (const ch of match[2]!) if (ch !== '_') value = value * 10 + digitValue(ch);
  return match[1] === '-' && value !== 0 ? -value : value;
}
