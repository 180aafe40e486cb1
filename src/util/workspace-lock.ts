// A lock file per workspace and purpose, so that two weirdgen processes never both decide to create
// the same paid job or batch. A lock whose process is gone is taken over.
//
// The lock file appears whole (written under a unique name, then hard-linked into place, which fails
// if a lock exists), so a reader never sees it empty. A dead holder's lock is moved aside under a
// unique name before it is removed; if what was moved turns out to be another, live holder's lock
// (taken meanwhile), it is linked back.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WeirdgenError } from './errors.js';
import { isProcessAlive } from './process-alive.js';

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

async function holderOf(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch((e: unknown) => (code(e) === 'ENOENT' ? undefined : Promise.reject(e)));
  return text === undefined ? undefined : Number(text);
}

/** Creates the lock holding this process's pid; false when a lock exists. */
async function create(file: string): Promise<boolean> {
  const own = `${file}.${process.pid}.${randomUUID()}`;
  await writeFile(own, String(process.pid));
  try {
    await link(own, file);
    return true;
  } catch (e) {
    if (code(e) === 'EEXIST') return false;
    throw e;
  } finally {
    await rm(own, { force: true });
  }
}

/** Removes the lock of `dead`, leaving any other holder's lock in place. */
async function takeOver(file: string, dead: number): Promise<void> {
  const aside = `${file}.stale.${randomUUID()}`;
  try {
    await rename(file, aside);
  } catch (e) {
    if (code(e) === 'ENOENT') return;
    throw e;
  }
  if ((await holderOf(aside)) !== dead) await link(aside, file).catch((e: unknown) => (code(e) === 'EEXIST' ? undefined : Promise.reject(e)));
  await rm(aside, { force: true });
}

export async function withWorkspaceLock<T>(workspace: string, name: string, action: () => Promise<T>, waitMs = 120_000): Promise<T> {
  const dir = join(workspace, 'locks');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.lock`);
  const deadline = Date.now() + waitMs;
  while (!(await create(file))) {
    const holder = await holderOf(file);
    if (holder === undefined) continue;
    if (!isProcessAlive(holder)) {
      await takeOver(file, holder);
      continue;
    }
    if (Date.now() > deadline) throw new WeirdgenError(`${file}: another weirdgen (pid ${holder}) holds this lock; wait for it or stop it`);
    await sleep(200);
  }
  try {
    return await action();
  } finally {
    if ((await holderOf(file)) === process.pid) await rm(file, { force: true });
  }
}
