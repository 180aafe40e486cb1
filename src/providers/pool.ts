// One endpoint served by several replicas (vLLM, SGLang or TGI servers, or several keys of one
// service): each request goes to the healthy replica with the fewest requests outstanding, within
// its own concurrency; a replica that fails repeatedly is drained and probed back (pool-health.ts).
// Files, fine-tuning jobs and batches always go to the first replica, so that a job's files, job
// and batch ids stay on the server that knows them.
import { streamChat } from './chat-stream.js';
import { ProviderError } from './errors.js';
import { DEFAULT_HEALTH_POLICY, isReplicaFailure, ReplicaHealth, type HealthPolicy } from './pool-health.js';
import type { RemoteApi } from './remote-api.js';
import type { Capabilities, ChatRequest, ChatResponse, ChatStreamEvent, ModelInfo, Provider } from './types.js';

export interface PoolMember {
  provider: Provider;
  /** Requests in flight on this replica at most; unbounded when unset (the caller's limits still hold). */
  concurrency?: number;
}

interface Replica extends PoolMember {
  index: number;
  health: ReplicaHealth;
  outstanding: number;
}

interface Waiter {
  resolve(replica: Replica): void;
  reject(error: unknown): void;
}

export interface PoolOptions {
  health?: HealthPolicy;
  now?: () => number;
}

export class PooledProvider implements Provider {
  readonly remote?: RemoteApi;
  private readonly replicas: Replica[];
  private readonly waiters: Waiter[] = [];
  private readonly probes = new Set<Promise<void>>();
  /** Where the search for the least loaded replica starts, so that ties take turns. */
  private rotation = 0;

  constructor(
    readonly endpoint: string,
    readonly capabilities: Capabilities,
    members: readonly PoolMember[],
    options: PoolOptions = {},
  ) {
    if (members.length === 0) throw new Error(`endpoint "${endpoint}": a pool needs at least one replica`);
    this.replicas = members.map((m, index) => ({ ...m, index, health: new ReplicaHealth(options.health ?? DEFAULT_HEALTH_POLICY, options.now), outstanding: 0 }));
    const remote = members[0]!.provider.remote;
    if (remote) this.remote = remote;
  }

  /** Requests in flight and health per replica, in the config's order. */
  get load(): { outstanding: number; state: ReplicaHealth['state'] }[] {
    return this.replicas.map((r) => ({ outstanding: r.outstanding, state: r.health.state }));
  }

  async chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const replica = await this.acquire(signal);
    try {
      const response = await replica.provider.chat(request, signal);
      replica.health.recordSuccess();
      return response;
    } catch (e) {
      if (isReplicaFailure(e)) replica.health.recordFailure();
      throw e;
    } finally {
      this.release(replica);
    }
  }

  async *chatStream(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent> {
    const replica = await this.acquire(signal);
    try {
      yield* streamChat(replica.provider, request, signal);
      replica.health.recordSuccess();
    } catch (e) {
      if (isReplicaFailure(e)) replica.health.recordFailure();
      throw e;
    } finally {
      this.release(replica);
    }
  }

  /** The models of the least loaded healthy replica that answers (replicas of one pool serve the same models). */
  async listModels(): Promise<ModelInfo[]> {
    const healthy = this.replicas.filter((r) => r.health.state === 'healthy').sort((a, b) => a.outstanding - b.outstanding);
    let last: unknown = this.drainedError();
    for (const replica of healthy) {
      try {
        const models = await replica.provider.listModels();
        replica.health.recordSuccess();
        return models;
      } catch (e) {
        if (!isReplicaFailure(e)) throw e;
        replica.health.recordFailure();
        last = e;
      }
    }
    throw last;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.probes]);
    const closing = new ProviderError('connection', `endpoint "${this.endpoint}" was closed`);
    for (const w of this.waiters.splice(0)) w.reject(closing);
    for (const r of this.replicas) await r.provider.close?.();
  }

  private acquire(signal?: AbortSignal): Promise<Replica> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const replica = this.choose();
    if (replica) return Promise.resolve(this.take(replica));
    if (!this.anyHealthy()) return Promise.reject(this.drainedError());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        resolve: (r) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private take(replica: Replica): Replica {
    replica.outstanding++;
    this.rotation = (replica.index + 1) % this.replicas.length;
    return replica;
  }

  private release(replica: Replica): void {
    replica.outstanding--;
    this.dispatch();
  }

  /** Hands free replicas to waiting requests; when none is healthy any more, they fail (the caller retries later). */
  private dispatch(): void {
    while (this.waiters.length > 0) {
      const replica = this.choose();
      if (replica) {
        this.waiters.shift()!.resolve(this.take(replica));
        continue;
      }
      if (!this.anyHealthy()) {
        const error = this.drainedError();
        for (const w of this.waiters.splice(0)) w.reject(error);
      }
      return;
    }
  }

  /** The healthy replica with room and the fewest requests outstanding; starts the probes that are due. */
  private choose(): Replica | undefined {
    this.startDueProbes();
    let best: Replica | undefined;
    for (let i = 0; i < this.replicas.length; i++) {
      const r = this.replicas[(this.rotation + i) % this.replicas.length]!;
      if (r.health.state !== 'healthy' || (r.concurrency !== undefined && r.outstanding >= r.concurrency)) continue;
      if (!best || r.outstanding < best.outstanding) best = r;
    }
    return best;
  }

  private anyHealthy(): boolean {
    return this.replicas.some((r) => r.health.state === 'healthy');
  }

  /** A drained replica whose back-off has passed is asked for its models (cheap, and no sample is spent on it). */
  private startDueProbes(): void {
    for (const r of this.replicas) {
      if (!r.health.claimProbe()) continue;
      const probe = r.provider.listModels().then(
        () => r.health.probeSucceeded(),
        () => r.health.probeFailed(),
      );
      const tracked = probe.finally(() => {
        this.probes.delete(tracked);
        this.dispatch();
      });
      this.probes.add(tracked);
    }
  }

  private drainedError(): ProviderError {
    const waits = this.replicas.map((r) => r.health.msUntilProbe);
    const retryAfterMs = Math.min(...waits);
    return new ProviderError('connection', `endpoint "${this.endpoint}": every replica is drained after repeated failures (next probe in ${Math.ceil(retryAfterMs / 1000)} s)`, undefined, retryAfterMs);
  }
}
