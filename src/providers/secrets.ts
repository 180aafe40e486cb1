// Keeps API keys out of every message that might be logged, stored or printed.

/** Replaces every occurrence of `secret` in `text`; short or absent secrets change nothing. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 6) return text;
  return text.split(secret).join('[redacted]');
}
