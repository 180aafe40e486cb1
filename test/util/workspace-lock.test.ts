// The workspace lock: one holder at a time across processes, a dead holder's lock taken over, and
// never two holders when many contend at once (the lock appears whole, takeover moves it aside).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withWorkspaceLock } from '../../src/util/workspace-lock.js';
import { REPO_ROOT, tempDir } from '../helpers/paths.js';

/** A child process that holds `name` in `workspace` for `holdMs`, appending "in"/"out" lines to `log`. */
function contender(workspace: string, name: string, log: string, holdMs: number): Promise<number | null> {
  const script = `
    import { appendFileSync } from 'node:fs';
    import { withWorkspaceLock } from ${JSON.stringify(join(REPO_ROOT, 'src', 'util', 'workspace-lock.ts'))};
    await withWorkspaceLock(${JSON.stringify(workspace)}, ${JSON.stringify(name)}, async () => {
      appendFileSync(${JSON.stringify(log)}, 'in\\n');
      await new Promise((r) => setTimeout(r, ${holdMs}));
      appendFileSync(${JSON.stringify(log)}, 'out\\n');
    });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', resolve));
}

describe('withWorkspaceLock', () => {
  it('lets one of many contending processes in at a time', async () => {
    const workspace = tempDir();
    const log = join(workspace, 'log');
    writeFileSync(log, '');
    const codes = await Promise.all(Array.from({ length: 6 }, () => contender(workspace, 'job', log, 30)));
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toEqual(Array.from({ length: 6 }, () => ['in', 'out']).flat());
    expect(readdirSync(join(workspace, 'locks'))).toEqual([]);
  }, 60_000);

  it('takes over the lock of a process that is gone, and refuses one whose holder lives', async () => {
    const workspace = tempDir();
    mkdirSync(join(workspace, 'locks'));
    writeFileSync(join(workspace, 'locks', 'serve.lock'), '999999999');
    expect(await withWorkspaceLock(workspace, 'serve', async () => 'taken', 0)).toBe('taken');
    expect(existsSync(join(workspace, 'locks', 'serve.lock'))).toBe(false);
    writeFileSync(join(workspace, 'locks', 'serve.lock'), String(process.ppid));
    await expect(withWorkspaceLock(workspace, 'serve', async () => 'no', 0)).rejects.toThrow(`another weirdgen (pid ${process.ppid}) holds this lock`);
  });

  it('releases its lock when the action throws', async () => {
    const workspace = tempDir();
    await expect(withWorkspaceLock(workspace, 'x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(readdirSync(join(workspace, 'locks'))).toEqual([]);
  });
});
