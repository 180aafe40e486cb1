// Shared setup of the server tests: one sandbox provider per file, servers on free ports, SDK clients.
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { SandboxProvider } from '../../src/providers/sandbox.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../src/server/index.js';
import { tempDir } from '../helpers/paths.js';

export function sandboxProvider(): SandboxProvider {
  return new SandboxProvider(tempDir('weirdgen-serve-'));
}

/** Starts a server on a free port; `servers` collects it so afterEach can close them all. */
export async function serve(servers: RunningServer[], options: StartServerOptions): Promise<RunningServer> {
  const server = await startServer({ port: 0, ...options });
  servers.push(server);
  return server;
}

export function client(url: string, options: { apiKey?: string; timeout?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: url, apiKey: options.apiKey ?? 'x', maxRetries: 0, timeout: options.timeout ?? 20_000 });
}

export const USER_BIRD = [{ role: 'user' as const, content: 'bird' }];

export async function closeAll(servers: RunningServer[]): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => s.close()));
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // left as text
  }
  return { status: res.status, headers: res.headers, json };
}

/**
 * Per describe block: one sandbox provider, and servers over it (or over a provider given) that
 * are closed after each test.
 */
export function serverFixture(): { serve(options?: Partial<StartServerOptions>): Promise<RunningServer>; provider(): SandboxProvider } {
  let provider: SandboxProvider;
  const servers: RunningServer[] = [];
  beforeAll(() => {
    provider = sandboxProvider();
  });
  afterEach(() => closeAll(servers));
  afterAll(() => provider.close());
  return { serve: (options = {}) => serve(servers, { provider, ...options }), provider: () => provider };
}
