// A simulated fault on a streamed chat request. Errors and hangs are those of any request (nothing is
// sent before them); a reset or a malformed answer comes mid-stream, after the first chunks, where
// a streaming client meets them.
import type { ChatBody } from './chat-request.js';
import { ChatChunks } from './chat-chunks.js';
import { openEventStream, sseEvent } from './chat-stream.js';
import type { Exchange } from './exchange.js';
import type { FaultKind } from './faults.js';
import { injectFault } from './inject-fault.js';

export function injectStreamFault(kind: FaultKind, exchange: Exchange, body: ChatBody, headers: Readonly<Record<string, string>>): void {
  if (kind !== 'reset' && kind !== 'malformed') return injectFault(kind, exchange, body.model, headers);
  const { req, res } = exchange;
  exchange.outcome = kind;
  const chunks = new ChatChunks(body);
  openEventStream(res, headers);
  const first = sseEvent(chunks.role(0));
  if (kind === 'reset') {
    res.write(first, () => req.socket.destroy());
    return;
  }
  // A chunk cut mid-string, then the end of the stream: no [DONE].
  const cut = sseEvent(chunks.of({ type: 'delta', index: 0, text: 'x' })).split('"content":"')[0]!;
  res.end(`${first}${cut}"content":"\n\n`);
}
