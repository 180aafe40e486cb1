// weirdgen view: the workbench over the workspace's runs until SIGINT or SIGTERM.
import { z } from 'zod';
import { ListenError } from '../../server/index.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { ConfigError } from '../../util/errors.js';
import { isLoopback, startViewer } from '../../view/index.js';
import type { Context } from '../context.js';
import { parseFlag } from '../flags.js';
import { untilSignal } from '../until-signal.js';

export interface ViewFlags {
  host: string;
  port: number;
  keyEnv?: string;
}

const DEFAULT_KEY_ENV = 'WEIRDGEN_VIEW_KEY';

/** The bearer key: the variable --key-env names (which must then be set), else WEIRDGEN_VIEW_KEY when set. */
function apiKey(ctx: Context, flags: ViewFlags): string | undefined {
  if (flags.keyEnv === undefined) return ctx.env[DEFAULT_KEY_ENV] || undefined;
  const name = parseFlag('--key-env', z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), flags.keyEnv);
  const key = ctx.env[name];
  if (!key) throw new ConfigError(`--key-env ${name}: the environment variable ${name} is not set (or empty); set it to the key the page must send`);
  return key;
}

export async function viewCommand(ctx: Context, runs: string[], flags: ViewFlags): Promise<void> {
  const host = parseFlag('--host', z.string().min(1), flags.host);
  const key = apiKey(ctx, flags);
  const endpoints = await ctx.endpoints();
  try {
    await ctx.withStore(async (store) => {
      const known = store.runs.list().map((r) => r.id);
      for (const id of runs) if (!known.includes(id)) throw new ConfigError(`no run "${id}" in ${store.file}${didYouMean(id, known)}`);
      const viewer = await startViewer({ store, endpoints, prices: ctx.prices, fetch: ctx.fetchOptions(), host, port: flags.port, ...(key !== undefined ? { apiKey: key } : {}), runs, log: (line) => ctx.io.err(line) }).catch((e: unknown) => {
        if (e instanceof ListenError && e.code === 'EADDRINUSE') throw new ConfigError(`--port ${e.port}: ${e.host}:${e.port} is already in use; pass another --port, or --port 0 for any free port`);
        throw e instanceof ListenError ? new ConfigError(`--host ${e.host} --port ${e.port}: ${e.message}`) : e;
      });
      if (key === undefined && !isLoopback(host)) ctx.io.err(`weirdgen view: warning: listening on ${host} without a key: anyone who can reach this address can read the workspace's runs (set WEIRDGEN_VIEW_KEY, or pass --key-env VAR)`);
      if (ctx.json) ctx.io.out(JSON.stringify({ url: viewer.url, origin: viewer.origin }));
      else {
        // The URL ends its line, so that a terminal's link takes nothing after it.
        ctx.io.out(`weirdgen view: open ${viewer.url}`);
        ctx.io.out(`${key !== undefined ? 'the page asks for the key; ' : ''}Ctrl-C stops it`);
      }
      await untilSignal();
      await viewer.close();
    });
  } finally {
    await endpoints.close();
  }
}
