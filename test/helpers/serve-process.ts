// `weirdgen serve` as its own process (the built binary), so that its event loop never competes
// with the client's: a slow answer is the server's doing, not the test's.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT, tempDir } from './paths.js';
import type { ServerStats } from '../../src/server/index.js';

const LISTENING = /^weirdgen serve: listening on (http:\/\/\S+\/v1)$/;

export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [join(REPO_ROOT, 'dist', 'cli', 'main.js'), ...args], { env: { PATH: process.env.PATH, ...env } });
}

export function listeningUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    lines.on('line', (line) => {
      const url = LISTENING.exec(line)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
}

export function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

export interface ServeProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

export async function spawnServe(args: readonly string[] = [], env: NodeJS.ProcessEnv = {}, workspace = tempDir('weirdgen-serve-')): Promise<ServeProcess> {
  const child = spawnCli(['serve', '--port', '0', '--workspace', workspace, ...args], env);
  const url = await listeningUrl(child);
  const root = url.replace(/\/v1$/, '');
  return {
    url,
    child,
    stats: async () => (await (await fetch(`${root}/weirdgen/stats`)).json()) as ServerStats,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exitCode(child);
      }
    },
  };
}
