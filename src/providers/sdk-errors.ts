// The official SDK's errors, classified once into ProviderError kinds, with the key redacted.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ProviderError, type ProviderErrorKind } from './errors.js';
import { rateLimitInfo, retryAfterMs } from './rate-limit-headers.js';
import { redactSecret } from './secrets.js';

function kindOfStatus(status: number, code: string | null | undefined): ProviderErrorKind {
  if (status === 429) return code === 'insufficient_quota' ? 'quota' : 'rate-limit';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 408 || status === 409 || status >= 500) return 'server';
  return 'bad-request';
}

/** A ProviderError for SDK failures; aborts by our own signal pass through unchanged. */
export function classifySdkError(e: unknown, endpoint: string, apiKey: string | undefined): unknown {
  if (e instanceof ProviderError || e instanceof APIUserAbortError) return e;
  const clean = (message: string) => `${endpoint}: ${redactSecret(message, apiKey)}`;
  if (e instanceof APIConnectionTimeoutError) return new ProviderError('timeout', clean('the request timed out'));
  if (e instanceof APIConnectionError) return new ProviderError('connection', clean(`connection failed (${(e.cause as Error | undefined)?.message ?? e.message})`));
  if (e instanceof APIError && e.status !== undefined) {
    const headers = e.headers;
    const get = (name: string) => headers?.get(name);
    return new ProviderError(kindOfStatus(e.status, e.code), clean(e.message), e.status, retryAfterMs(get), rateLimitInfo(get));
  }
  // The SDK throws plain errors (SyntaxError and the like) on bodies it cannot parse.
  if (e instanceof Error) return new ProviderError('malformed', clean(`unreadable response (${e.message})`));
  return e;
}
