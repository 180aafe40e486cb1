// Errors the server answers with, in OpenAI's JSON shape, and how provider failures map onto them.
import { ProviderError, type ProviderErrorKind, ParameterError } from '../providers/index.js';
import type { Outcome } from './stats.js';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly headers: Readonly<Record<string, string>> = {},
    /** How the stats count this answer. */
    readonly outcome: Outcome = 'error',
  ) {
    super(message);
  }

  body(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null): HttpError {
  return new HttpError(400, message, 'invalid_request_error', code, param);
}

export function modelNotFound(model: string): HttpError {
  return new HttpError(404, `The model '${model}' does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found', 'model');
}

/** `Retry-After` in whole seconds (at least 1) and `retry-after-ms`, which the OpenAI SDKs prefer. */
export function retryAfterHeaders(ms: number): Record<string, string> {
  return { 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))), 'retry-after-ms': String(Math.max(0, Math.ceil(ms))) };
}

const PROVIDER_STATUS: Record<ProviderErrorKind, { status: number; type: string; code: string | null }> = {
  'rate-limit': { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
  quota: { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' },
  // The server's own upstream credentials failed: fatal for the client too, but not its key.
  auth: { status: 401, type: 'invalid_request_error', code: 'upstream_auth_failed' },
  'bad-request': { status: 400, type: 'invalid_request_error', code: null },
  'not-found': { status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  server: { status: 500, type: 'server_error', code: null },
  timeout: { status: 504, type: 'server_error', code: 'upstream_timeout' },
  connection: { status: 503, type: 'server_error', code: 'upstream_unavailable' },
  malformed: { status: 502, type: 'server_error', code: 'upstream_malformed_response' },
};

/** Any failure of a handler as the error the client receives. */
export function toHttpError(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof ProviderError) {
    const mapped = PROVIDER_STATUS[e.kind];
    const status = e.kind === 'server' && e.status !== undefined && e.status >= 500 && e.status <= 599 ? e.status : mapped.status;
    const headers = e.kind === 'rate-limit' && e.retryAfterMs !== undefined ? retryAfterHeaders(e.retryAfterMs) : {};
    const param = e instanceof ParameterError ? e.param : e.kind === 'not-found' ? 'model' : null;
    return new HttpError(status, e.message, mapped.type, mapped.code, param, headers);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new HttpError(500, `The server had an error while processing your request: ${message}`, 'server_error');
}
