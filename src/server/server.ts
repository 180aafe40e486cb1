// startServer: the OpenAI protocol over any Provider on node:http, with simulated limits and faults,
// and with a workspace, files, fine-tuning jobs and batches over the sandbox.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Provider } from '../providers/index.js';
import { ConfigError } from '../util/errors.js';
import type { ServerParts } from './exchange.js';
import { createFaultPicker } from './faults.js';
import { listen } from './listen.js';
import { ModelCatalog } from './models.js';
import { serveOptionsSchema, type ResolvedServeOptions, type ServeOptions } from './options.js';
import { RateLimiter } from './rate-limit.js';
import { route } from './router.js';
import { batchChat } from './chat.js';
import { FineTuningService } from './service/service.js';
import { StatsRecorder, type ServerStats } from './stats.js';

/** The serve options and the provider whose models the server answers with. */
export interface StartServerOptions extends ServeOptions {
  provider: Provider;
  /** One line per answered request (method, path, status, time); never headers or keys. */
  log?: (line: string) => void;
}

/** A server that is listening: its base URL and port, the options in force, its stats, and `close()`. */
export interface RunningServer {
  /** `http://host:port/v1`: an OpenAI client's base URL. */
  url: string;
  port: number;
  options: ResolvedServeOptions;
  stats(): ServerStats;
  resetStats(): void;
  /** Stops listening and ends every connection, hanging and keep-alive ones included. */
  close(): Promise<void>;
}

function resolveOptions(options: ServeOptions): ResolvedServeOptions {
  const result = serveOptionsSchema.safeParse(options);
  if (result.success) return result.data;
  throw new ConfigError(`serve options: ${result.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}`);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the OpenAI protocol over `provider` on node:http, with the simulated latency, limits and
 * faults asked for; `port: 0` picks a free port. Throws a `ConfigError` for invalid options and
 * a `ListenError` when it cannot listen at the host and port.
 *
 * @example
 * const server = await startServer({ provider: new SandboxProvider('.weirdgen'), port: 0, faults: { '503': 0.1 } });
 * const client = new OpenAI({ baseURL: server.url, apiKey: 'unused' }); // the client under test
 * await server.close();
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { provider, log, ...rest } = options;
  const resolved = resolveOptions(rest);
  const stats = new StatsRecorder();
  const service =
    resolved.workspace === undefined
      ? undefined
      : await FineTuningService.open({
          workspace: resolved.workspace,
          jobDelayMs: resolved.jobDelayMs,
          batchDelayMs: resolved.batchDelayMs,
          batchConcurrency: resolved.batchConcurrency,
          log: (line) => log?.(line),
        });
  const served = service ? service.wrap(provider) : provider;
  const parts: ServerParts = {
    options: resolved,
    provider: served,
    catalog: new ModelCatalog(served, Math.floor(Date.now() / 1000)),
    limiter: new RateLimiter({ rpm: resolved.rpm, tpm: resolved.tpm }),
    pickFault: createFaultPicker(resolved.faults, resolved.seed),
    stats,
    ...(service ? { service } : {}),
  };
  const server = createServer((req, res) => {
    route(parts, req, res, log).catch((e: unknown) => {
      log?.(`internal error: ${e instanceof Error ? e.message : String(e)}`);
      res.destroy();
    });
  });
  try {
    await listen(server, resolved.port, resolved.host);
  } catch (e) {
    await service?.close();
    throw e;
  }
  service?.start(batchChat(parts));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(resolved.host)}:${port}/v1`,
    port,
    options: resolved,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => service?.close());
      return closing;
    },
  };
}
