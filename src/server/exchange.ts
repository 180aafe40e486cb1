// What every handler receives: the server's shared parts and one request with its answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from '../providers/index.js';
import type { FaultKind } from './faults.js';
import type { ModelCatalog } from './models.js';
import type { ResolvedServeOptions } from './options.js';
import type { RateLimiter } from './rate-limit.js';
import type { FineTuningService } from './service/service.js';
import type { Outcome, StatsRecorder } from './stats.js';

export interface ServerParts {
  options: ResolvedServeOptions;
  provider: Provider;
  catalog: ModelCatalog;
  limiter: RateLimiter;
  pickFault: () => FaultKind | undefined;
  stats: StatsRecorder;
  /** Files, fine-tuning and batches: present when the server has a workspace. */
  service?: FineTuningService;
}

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** Aborted when the client leaves or the server closes. */
  signal: AbortSignal;
  /** Set by a handler whose answer is not told by its status alone (faults). */
  outcome?: Outcome;
}

export type Handler = (parts: ServerParts, exchange: Exchange, param?: string) => Promise<void>;
