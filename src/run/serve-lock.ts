// The workspace lock held by the one process that serves a workspace's sandbox models (their
// fine-tuning state under <workspace>/serve/ lives in that process's memory while it does).
import { WeirdgenError } from '../util/errors.js';
import { withWorkspaceLock } from '../util/workspace-lock.js';

export const SERVE_LOCK = 'serve';

/**
 * Takes the workspace's `serve` lock, or fails at once naming the live process that holds it (a
 * lock whose process is gone is taken over). Resolves to the function that gives it back.
 */
export async function holdServeLock(workspace: string): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let acquired!: () => void;
  const held = new Promise<void>((r) => (acquired = r));
  const lock = withWorkspaceLock(
    workspace,
    SERVE_LOCK,
    async () => {
      acquired();
      await released;
    },
    0,
  );
  try {
    await Promise.race([held, lock]);
  } catch (e) {
    throw new WeirdgenError(`the sandbox models of workspace ${workspace} are served by another process (one at a time may): ${e instanceof Error ? e.message : String(e)}`);
  }
  return async () => {
    release();
    await lock;
  };
}
