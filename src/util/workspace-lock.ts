// A lock file per workspace and purpose, so that two weirdgen processes never both decide to create
// the same paid job or batch. A lock whose process is gone is taken over.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WeirdgenError } from './errors.js';
import { isProcessAlive } from './process-alive.js';

export async function withWorkspaceLock<T>(workspace: string, name: string, action: () => Promise<T>, waitMs = 120_000): Promise<T> {
  const dir = join(workspace, 'locks');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.lock`);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(await readFile(file, 'utf8').catch(() => ''));
      if (!isProcessAlive(holder)) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new WeirdgenError(`${file}: another weirdgen (pid ${holder}) holds this lock; wait for it or stop it`);
      await sleep(200);
    }
  }
  try {
    return await action();
  } finally {
    await rm(file, { force: true });
  }
}
