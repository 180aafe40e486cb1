// The workspace's sandbox server: one per workspace and process, shared by its users, and refused
// with the holder's pid while another live process serves the workspace.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config.js';
import { SERVE_LOCK, workspaceEndpoints } from '../../src/run/index.js';
import { useLocalSandbox } from '../../src/run/local-serve.js';
import { exitCode } from '../helpers/serve-process.js';
import { tempDir } from '../helpers/paths.js';

const lockFile = (workspace: string) => join(workspace, 'locks', `${SERVE_LOCK}.lock`);

describe('the workspace sandbox server', () => {
  it('is shared by the users of one process, stopped by the last, and its lock given back', async () => {
    const ws = tempDir();
    const [a, b] = await Promise.all([useLocalSandbox(ws), useLocalSandbox(ws)]);
    expect(a.baseUrl).toBe(b.baseUrl);
    expect(existsSync(lockFile(ws))).toBe(true);
    await a.close();
    expect((await fetch(`${b.baseUrl}/models`)).status).toBe(200);
    await b.close();
    expect(existsSync(lockFile(ws))).toBe(false);
    await expect(fetch(`${b.baseUrl}/models`)).rejects.toThrow();
    // Started again at once: the stop has given the lock back.
    const c = await useLocalSandbox(ws);
    await c.close();
  });

  it('starts on the first call to a served model only, and a workspace another live process serves is refused with its pid', async () => {
    const ws = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const endpoints = workspaceEndpoints({ config: configSchema.parse({}), env: {}, workspace: ws });
    try {
      mkdirSync(join(ws, 'locks'), { recursive: true });
      writeFileSync(lockFile(ws), String(holder.pid));
      // Resolving, capabilities, limits and making the provider are offline.
      expect(endpoints.resolve('served:base').id).toBe('served:base');
      expect(endpoints.capabilities('served').logprobs).toBe(true);
      expect(endpoints.limits('served').concurrency).toBe(128);
      const provider = endpoints.provider('served');
      const ask = () => provider.chat({ model: 'base', messages: [{ role: 'user', content: 'q bird' }], temperature: 0, maxTokens: 4 });
      await expect(ask()).rejects.toMatchObject({ name: 'ProviderError', kind: 'not-found', message: expect.stringContaining(`pid ${holder.pid}`) });
      holder.kill();
      await exitCode(holder);
      // A failed start is final for these endpoints; new ones take over the dead holder's lock.
      await endpoints.close();
      const fresh = workspaceEndpoints({ config: configSchema.parse({}), env: {}, workspace: ws });
      try {
        const answer = await fresh.provider('served').chat({ model: 'base', messages: [{ role: 'user', content: 'q bird' }], temperature: 0, maxTokens: 4 });
        expect(answer.choices[0]!.text.length).toBeGreaterThan(0);
        expect(Number(readFileSync(lockFile(ws), 'utf8'))).toBe(process.pid);
      } finally {
        await fresh.close();
      }
      expect(existsSync(lockFile(ws))).toBe(false);
    } finally {
      holder.kill();
      await endpoints.close();
    }
  }, 60_000);
});
