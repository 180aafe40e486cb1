// The official SDK's errors, classified once into ProviderError kinds, with secrets redacted: the
// endpoint's own key, and anything key-like in what the other side sent back.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ProviderError, type ProviderErrorKind } from './errors.js';
import { ParameterError } from './parameter-error.js';
import { rateLimitInfo, retryAfterMs } from './rate-limit-headers.js';
import { bodyExcerpt, redactKeyLike, redactSecret } from './secrets.js';

function kindOfStatus(status: number, code: string | null | undefined): ProviderErrorKind {
  if (status === 429) return code === 'insufficient_quota' ? 'quota' : 'rate-limit';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 408 || status === 409 || status >= 500) return 'server';
  return 'bad-request';
}

/** JSON.parse's message without the characters of the body it quotes (they may be part of a key, too short to recognise). */
function parseProblem(e: Error): string {
  if (!(e instanceof SyntaxError)) return e.message;
  const position = /position (\d+)/.exec(e.message)?.[1];
  return `not valid JSON${position !== undefined ? ` at position ${position}` : ''}`;
}

/** A ProviderError for SDK failures; aborts by our own signal pass through unchanged. */
export function classifySdkError(e: unknown, endpoint: string, apiKey: string | undefined): unknown {
  if (e instanceof ProviderError || e instanceof APIUserAbortError) return e;
  const clean = (message: string) => `${endpoint}: ${redactKeyLike(redactSecret(message, apiKey))}`;
  if (e instanceof APIConnectionTimeoutError) return new ProviderError('timeout', clean('the request timed out'));
  if (e instanceof APIConnectionError) return new ProviderError('connection', clean(`connection failed (${(e.cause as Error | undefined)?.message ?? e.message})`));
  if (e instanceof APIError && e.status !== undefined) {
    const headers = e.headers;
    const get = (name: string) => headers?.get(name);
    // Without a JSON error object the SDK's message is the status and the raw body: keep only an excerpt.
    const message = e.error === undefined ? `${endpoint}: ${bodyExcerpt(redactSecret(e.message, apiKey))}` : clean(e.message);
    // A 400 that names its parameter keeps the name, so that a server in front names it too.
    if (e.status === 400 && typeof e.param === 'string' && e.param !== '') return new ParameterError(e.param, message);
    return new ProviderError(kindOfStatus(e.status, e.code), message, e.status, retryAfterMs(get), rateLimitInfo(get));
  }
  // The SDK throws plain errors (SyntaxError and the like) on bodies of successful responses it cannot parse.
  if (e instanceof Error) return new ProviderError('malformed', clean(`unreadable response body of a 2xx response (${parseProblem(e)})`));
  return e;
}
