// weirdgen serve: the sandbox (or any endpoint) over the OpenAI HTTP API until SIGINT or SIGTERM.
import { z } from 'zod';
import { SERVED_ENDPOINT } from '../../providers/index.js';
import { holdServeLock } from '../../run/index.js';
import { faultSpecSchema, ListenError, startServer } from '../../server/index.js';
import { ConfigError } from '../../util/errors.js';
import { ensureWritableDir } from '../../util/output-dir.js';
import type { Context } from '../context.js';
import { parseFlag } from '../flags.js';
import { untilSignal } from '../until-signal.js';

export interface ServeFlags {
  upstream: string;
  host: string;
  port: number;
  apiKey?: string;
  latencyMs: number;
  rpm?: number;
  tpm?: number;
  faults?: string;
  seed: number | string;
  jobDelayMs: number;
  batchDelayMs: number;
}

/** The listening failure in the flags' words. */
function listenFlagError(e: ListenError): ConfigError {
  if (e.code === 'EADDRINUSE') return new ConfigError(`--port ${e.port}: ${e.host}:${e.port} is already in use (another weirdgen serve?); pass another --port, or --port 0 for any free port`);
  return new ConfigError(`--host ${e.host} --port ${e.port}: ${e.message}`);
}

export async function serveCommand(ctx: Context, flags: ServeFlags): Promise<void> {
  // `served` is this very server over the workspace, started on demand by other commands.
  if (flags.upstream === SERVED_ENDPOINT) throw new ConfigError(`--upstream ${SERVED_ENDPOINT}: the workspace's fine-tuned models are what \`weirdgen serve\` serves over the sandbox (the default --upstream sandbox)`);
  const apiKey = flags.apiKey ?? (ctx.env.WEIRDGEN_SERVE_API_KEY || undefined);
  const options = {
    host: parseFlag('--host', z.string().min(1), flags.host),
    port: flags.port,
    ...(apiKey !== undefined ? { apiKey: parseFlag('--api-key', z.string().min(1, 'must not be empty'), apiKey) } : {}),
    latencyMs: flags.latencyMs,
    ...(flags.rpm !== undefined ? { rpm: flags.rpm } : {}),
    ...(flags.tpm !== undefined ? { tpm: flags.tpm } : {}),
    ...(flags.faults !== undefined ? { faults: parseFlag('--faults', faultSpecSchema, flags.faults) } : {}),
    seed: flags.seed,
    workspace: ensureWritableDir(ctx.workspace, '--workspace'),
    jobDelayMs: flags.jobDelayMs,
    batchDelayMs: flags.batchDelayMs,
  };
  const endpoints = await ctx.endpoints();
  let release: (() => Promise<void>) | undefined;
  try {
    const provider = endpoints.provider(flags.upstream);
    // The workspace's fine-tuning state lives in this process while it serves: one server per workspace.
    release = await holdServeLock(options.workspace);
    const server = await startServer({ ...options, provider, log: (line) => ctx.io.err(line) }).catch((e: unknown) => {
      throw e instanceof ListenError ? listenFlagError(e) : e;
    });
    ctx.io.out(`weirdgen serve: listening on ${server.url}`);
    await untilSignal();
    await server.close();
  } finally {
    await endpoints.close();
    await release?.();
  }
}
