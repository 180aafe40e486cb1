// An eval against `weirdgen serve` on loopback: the server in this process over the sandbox, a
// config that names it as endpoint `test`, and a workspace of its own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxProvider, type Provider } from '../../src/providers/index.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../src/server/index.js';
import { tempDir } from './paths.js';

export interface EvalServer {
  server: RunningServer;
  dir: string;
  config: string;
  /** Global flags for the CLI: --config and a fresh --workspace. */
  flags(workspace?: string): string[];
  writeSpec(name: string, yaml: string): string;
  close(): Promise<void>;
}

/** `serve` over the sandbox, or over what `wrap` makes of it (a provider that adds a model). */
export async function startEvalServer(options: Omit<StartServerOptions, 'provider'> = {}, endpoint: Record<string, unknown> = {}, wrap: (sandbox: SandboxProvider) => Provider = (s) => s): Promise<EvalServer> {
  const dir = tempDir('weirdgen-eval-');
  const provider = wrap(new SandboxProvider(dir));
  const server = await startServer({ port: 0, ...options, provider });
  const config = join(dir, 'weirdgen.config.yaml');
  const extra = Object.entries(endpoint).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`).join('');
  writeFileSync(config, `endpoints:\n  test:\n    baseUrl: ${server.url}\n${extra}`);
  return {
    server,
    dir,
    config,
    flags: (workspace = tempDir('weirdgen-ws-')) => ['--config', config, '--workspace', workspace],
    writeSpec(name, yaml) {
      const file = join(dir, name);
      writeFileSync(file, yaml);
      return file;
    },
    async close() {
      await server.close();
      await provider.close?.();
    },
  };
}
