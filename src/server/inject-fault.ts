// Answers a chat request with a simulated fault instead of a completion.
import type { Exchange } from './exchange.js';
import type { FaultKind } from './faults.js';
import { HttpError, retryAfterHeaders } from './errors.js';
import { sendError, sendRaw } from './http.js';
import { truncatedCompletion } from './chat-response.js';

const NOTE = '(simulated by weirdgen serve --faults)';

export function injectFault(kind: FaultKind, exchange: Exchange, model: string, headers: Readonly<Record<string, string>>): void {
  const { req, res } = exchange;
  exchange.outcome = kind;
  switch (kind) {
    case '500':
      return sendError(res, new HttpError(500, `The server had an error while processing your request. ${NOTE}`, 'server_error'), headers);
    case '503':
      return sendError(res, new HttpError(503, `The server is overloaded or not ready yet. ${NOTE}`, 'server_error', 'service_unavailable'), headers);
    case '429':
      return sendError(res, new HttpError(429, `Rate limit reached for requests. ${NOTE}`, 'requests', 'rate_limit_exceeded', null, retryAfterHeaders(1000)), headers);
    case 'hang':
      // No answer: the socket stays open until the client gives up or the server closes.
      return;
    case 'malformed':
      return sendRaw(res, 200, truncatedCompletion(model), headers);
    case 'reset':
      req.socket.destroy();
      return;
  }
}
