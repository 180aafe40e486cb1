// Keeps API keys out of every message that might be logged, stored or printed.

/** Replaces every occurrence of `secret` in `text`; short or absent secrets change nothing. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 6) return text;
  return text.split(secret).join('[redacted]');
}

/**
 * Strings that look like credentials, whoever's they are: OpenAI-style `sk-...` keys (masked ones too),
 * bearer tokens, values after key/token/secret/password names, and long letter-and-digit runs.
 */
const KEY_LIKE: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/\bsk-[A-Za-z0-9_*-]{8,}/g, '[redacted]'],
  [/\b((?:api[_-]?key|access[_-]?token|auth[_-]?token|token|secret|password|authorization)["']?\s*[:=]\s*["']?)(?!\[redacted\]|Bearer\b|Basic\b)[^\s"',;}&()<>[\]]{6,}/gi, '$1[redacted]'],
  [/(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}/g, '[redacted]'],
];

export function redactKeyLike(text: string): string {
  return KEY_LIKE.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/**
 * The first characters of a body someone else sent, safe to store: credentials redacted (before cutting,
 * so that a cut key is still recognised), control characters and runs of white space as one space.
 */
export function bodyExcerpt(body: string, maxChars = 120): string {
  // eslint-disable-next-line no-control-regex
  const flat = redactKeyLike(body).replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars)}...` : flat;
}
