// `weirdgen serve` in a child process for benchmarks, so that server work never slows the client.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

export interface ChildServer {
  url: string;
  requests(): Promise<number>;
  stop(): void;
}

export async function startChildServer(args: readonly string[]): Promise<ChildServer> {
  const workspace = mkdtempSync(join(tmpdir(), 'weirdgen-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--port', '0', '--workspace', workspace, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return {
    url,
    requests: async () => ((await (await fetch(`${url.replace(/\/v1$/, '')}/weirdgen/stats`)).json()) as { requests: number }).requests,
    stop: () => void child.kill('SIGTERM'),
  };
}
