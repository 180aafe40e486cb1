// The optional bearer-key check. Both sides are hashed first so the comparison takes the same time
// whatever the key's length or content; the key itself never appears in a message or a log.
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './errors.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S.*)$/i.exec(header ?? '');
  return match?.[1]?.trim();
}

/** Throws the 401 OpenAI answers when the key is missing or wrong. */
export function checkApiKey(header: string | undefined, apiKey: string): void {
  const token = bearerToken(header);
  if (token === undefined) {
    throw new HttpError(401, "You didn't provide an API key. Send it in the Authorization header: 'Authorization: Bearer YOUR_KEY'.", 'invalid_request_error', 'invalid_api_key');
  }
  if (!timingSafeEqual(digest(token), digest(apiKey))) {
    throw new HttpError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
  }
}
