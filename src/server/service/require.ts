// The fine-tuning service of a server, or the 404 a server without a workspace answers.
import { HttpError } from '../errors.js';
import type { ServerParts } from '../exchange.js';
import type { FineTuningService } from './service.js';

export function requireService(parts: ServerParts): FineTuningService {
  if (!parts.service) {
    throw new HttpError(404, 'This server has no fine-tuning service: start it with a workspace (weirdgen serve --workspace DIR, or startServer({ workspace })).', 'invalid_request_error', 'service_unavailable');
  }
  return parts.service;
}
