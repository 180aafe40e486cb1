// The workspace's sandbox server: a `weirdgen serve` over the sandbox with its fine-tuning state in
// <workspace>/serve/, started in this process on a free loopback port. That state is kept in memory
// by whoever serves it, so one process at a time may: the workspace lock `serve` says which; within
// the process, every user shares one server, stopped when the last one lets go.
import { resolve } from 'node:path';
import { SandboxProvider } from '../providers/index.js';
import { startServer, storedFineTunedModels } from '../server/index.js';
import { holdServeLock } from './serve-lock.js';

export interface LocalSandbox {
  /** `http://127.0.0.1:PORT/v1`. */
  baseUrl: string;
  /** Lets go of the server; the last user stops it and gives the lock back. */
  close(): Promise<void>;
}

interface Running {
  url: string;
  stop(): Promise<void>;
}

interface Shared {
  users: number;
  started: Promise<Running>;
}

const shared = new Map<string, Shared>();
/** Stops under way, which a new start waits for: the lock is this process's until they end. */
const stopping = new Map<string, Promise<void>>();

/**
 * The ids of the models the workspace's server serves, read from disk without starting it: the
 * sandbox's (shipped, the workspace's, the judge) and those the workspace's fine-tuning jobs made.
 */
export async function localSandboxModels(workspace: string): Promise<string[]> {
  const [sandbox, tuned] = await Promise.all([new SandboxProvider(workspace).listModels(), storedFineTunedModels(workspace)]);
  return [...sandbox.map((m) => m.id), ...tuned];
}

/** The workspace's sandbox server, started by the first user in this process. */
export async function useLocalSandbox(workspace: string): Promise<LocalSandbox> {
  const key = resolve(workspace);
  const own = shared.get(key) ?? firstUser(key);
  own.users++;
  let running: Running;
  try {
    running = await own.started;
  } catch (e) {
    own.users--;
    throw e;
  }
  let closed = false;
  return {
    baseUrl: running.url,
    async close() {
      if (closed) return;
      closed = true;
      if (--own.users > 0) return;
      shared.delete(key);
      const stopped = running.stop();
      stopping.set(key, stopped);
      try {
        await stopped;
      } finally {
        if (stopping.get(key) === stopped) stopping.delete(key);
      }
    },
  };
}

function firstUser(key: string): Shared {
  const created: Shared = { users: 0, started: startExclusive(key) };
  // A failed start is forgotten, so that a later user tries again.
  created.started.catch(() => {
    if (shared.get(key) === created) shared.delete(key);
  });
  shared.set(key, created);
  return created;
}

async function startExclusive(workspace: string): Promise<Running> {
  await stopping.get(workspace)?.catch(() => {});
  const unlock = await holdServeLock(workspace);
  try {
    const provider = new SandboxProvider(workspace);
    const server = await startServer({ port: 0, provider, workspace }).catch(async (e: unknown) => {
      await provider.close();
      throw e;
    });
    return {
      url: server.url,
      async stop() {
        try {
          await server.close();
          await provider.close();
        } finally {
          await unlock();
        }
      },
    };
  } catch (e) {
    await unlock();
    throw e;
  }
}
