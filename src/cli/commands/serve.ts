// weirdgen serve: the sandbox (or any provider) over the OpenAI HTTP API, with simulated limits and
// faults, and a fine-tuning service (files, fine-tuning jobs, batches) kept in the workspace.
import type { Command } from 'commander';
import { z } from 'zod';
import { ListenError, faultSpecSchema, startServer } from '../../server/index.js';
import { ConfigError } from '../../util/errors.js';
import type { CommandRunner } from '../context.js';
import { ensureWritableDir } from '../../util/output-dir.js';
import { parseFlag, positiveIntFlag, seedFlag } from '../flags.js';

interface ServeFlags {
  upstream: string;
  host: string;
  port: string;
  apiKey?: string;
  latencyMs: string;
  rpm?: string;
  tpm?: string;
  faults?: string;
  seed: string;
  jobDelayMs: string;
  batchDelayMs: string;
}

/** Resolves once SIGINT or SIGTERM arrives. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The listening failure in the flags' words. */
function listenFlagError(e: ListenError): ConfigError {
  if (e.code === 'EADDRINUSE') return new ConfigError(`--port ${e.port}: ${e.host}:${e.port} is already in use (another weirdgen serve?); pass another --port, or --port 0 for any free port`);
  return new ConfigError(`--host ${e.host} --port ${e.port}: ${e.message}`);
}

export function registerServe(program: Command, run: CommandRunner): void {
  program
    .command('serve')
    .description(
      'serve sandbox models (or another endpoint) over the OpenAI HTTP API (/v1/models, /v1/chat/completions), with optional rate limits and faults for testing clients; ' +
        'also /v1/files, /v1/fine_tuning/jobs (sandbox fine-tuning; metadata.sandbox_mode picks row|embed|full|lora|top, default full) and /v1/batches, kept under <workspace>/serve/',
    )
    .option('--upstream <endpoint>', 'the endpoint whose models are served (sandbox, openai, or one of the config)', 'sandbox')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0: any free port)', '8787')
    .option('--api-key <key>', 'require this bearer key (default: WEIRDGEN_SERVE_API_KEY if set; otherwise no check)')
    .option('--latency-ms <n>', 'delay added before every answer', '0')
    .option('--rpm <n>', 'requests per minute, answered with 429 and x-ratelimit-* headers past it')
    .option('--tpm <n>', 'tokens per minute (prompt estimate + max_tokens * n per request)')
    .option('--faults <spec>', 'fault rates, e.g. 500=0.1,503=0.02,429=0.05,hang=0.02,malformed=0.01,reset=0.01')
    .option('--seed <seed>', 'seed of the fault draws', '0')
    .option('--job-delay-ms <n>', 'extra time each fine-tuning job sits in queued, and again in running', '0')
    .option('--batch-delay-ms <n>', 'extra time each batch sits in validating, and again in in_progress', '0')
    .action(async (opts: ServeFlags, cmd: Command) =>
      run(async (ctx) => {
        const apiKey = opts.apiKey ?? (ctx.env.WEIRDGEN_SERVE_API_KEY || undefined);
        const options = {
          host: parseFlag('--host', z.string().min(1), opts.host),
          port: parseFlag('--port', z.coerce.number().int().min(0).max(65535), opts.port),
          ...(apiKey !== undefined ? { apiKey: parseFlag('--api-key', z.string().min(1, 'must not be empty'), apiKey) } : {}),
          latencyMs: parseFlag('--latency-ms', z.coerce.number().int().min(0).max(600_000), opts.latencyMs),
          ...(opts.rpm !== undefined ? { rpm: parseFlag('--rpm', positiveIntFlag, opts.rpm) } : {}),
          ...(opts.tpm !== undefined ? { tpm: parseFlag('--tpm', positiveIntFlag, opts.tpm) } : {}),
          ...(opts.faults !== undefined ? { faults: parseFlag('--faults', faultSpecSchema, opts.faults) } : {}),
          seed: parseFlag('--seed', seedFlag, opts.seed),
          workspace: ensureWritableDir(ctx.workspace, '--workspace'),
          jobDelayMs: parseFlag('--job-delay-ms', z.coerce.number().int().min(0).max(3_600_000), opts.jobDelayMs),
          batchDelayMs: parseFlag('--batch-delay-ms', z.coerce.number().int().min(0).max(3_600_000), opts.batchDelayMs),
        };
        const endpoints = ctx.endpoints();
        const provider = endpoints.provider(opts.upstream);
        const server = await startServer({ ...options, provider, log: (line) => ctx.io.err(line) }).catch(async (e: unknown) => {
          await endpoints.close();
          throw e instanceof ListenError ? listenFlagError(e) : e;
        });
        ctx.io.out(`weirdgen serve: listening on ${server.url}`);
        await untilSignal();
        await server.close();
        await endpoints.close();
      }, cmd),
    );
}
