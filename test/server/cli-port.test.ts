// `weirdgen serve --port P` when P is taken: a clear error naming the port (exit 1), no stack trace;
// a second `weirdgen serve` over a workspace already served: an error naming the process serving it.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ListenError, startServer } from '../../src/server/index.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { spawnServe } from '../helpers/serve-process.js';
import { sandboxProvider } from './harness.js';

function occupiedPort(servers: Server[]): Promise<number> {
  const server = createServer();
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('weirdgen serve on a port in use', () => {
  const servers: Server[] = [];
  afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve)))));

  it('exits 1 naming the port and suggesting --port 0', async () => {
    const port = await occupiedPort(servers);
    const result = await cli(['serve', '--port', String(port), '--workspace', tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: --port ${port}: 127.0.0.1:${port} is already in use (another weirdgen serve?); pass another --port, or --port 0 for any free port`);
    expect(result.stdout).not.toMatch(/listening/);
  });

  it('rejects startServer with a ListenError that says which address', async () => {
    const port = await occupiedPort(servers);
    const provider = sandboxProvider();
    try {
      const error = (await startServer({ provider, port, workspace: tempDir() }).catch((e: unknown) => e)) as ListenError;
      expect(error).toBeInstanceOf(ListenError);
      expect(error).toMatchObject({ code: 'EADDRINUSE', host: '127.0.0.1', port });
      expect(error.message).toBe(`cannot listen on 127.0.0.1:${port}: it is already in use (another weirdgen serve?); port 0 takes any free port`);
    } finally {
      await provider.close();
    }
  });

  it('refuses a second server over a workspace another process serves, and serves it once that one stops', async () => {
    const workspace = tempDir();
    const first = await spawnServe([], {}, workspace);
    try {
      const second = await cli(['serve', '--port', '0', '--workspace', workspace]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`the sandbox models of workspace ${workspace} are served by another process`);
      expect(second.stderr).toContain(`pid ${first.child.pid}`);
    } finally {
      await first.stop();
    }
    const again = await spawnServe([], {}, workspace);
    await again.stop();
  });
});
