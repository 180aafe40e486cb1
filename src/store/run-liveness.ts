// A run stored as `running` whose process is gone (killed, crashed, the machine restarted) was
// interrupted: this tells the two apart where it can, on the host that ran it.
import { hostname } from 'node:os';
import { isProcessAlive } from '../util/process-alive.js';
import type { RunRecord } from './runs.js';

export type ShownRunStatus = RunRecord['status'] | 'interrupted';

/** How to look at this machine's processes (tests pass their own). */
export interface ProcessView {
  host: string;
  isAlive(pid: number): boolean;
}

export const THIS_MACHINE: ProcessView = { host: hostname(), isAlive: isProcessAlive };

/**
 * `interrupted` for a running run whose owner process no longer exists on this host; otherwise the stored
 * status (a run of another host, or one stored before owners were recorded, cannot be checked from here).
 */
export function shownRunStatus(run: RunRecord, here: ProcessView = THIS_MACHINE): ShownRunStatus {
  if (run.status !== 'running' || run.owner === undefined || run.owner.host !== here.host) return run.status;
  return here.isAlive(run.owner.pid) ? 'running' : 'interrupted';
}

/** What to tell a user about an interrupted run: what happened and how to resume it. */
export function resumeHint(run: RunRecord): string {
  const how = run.resumeCommand !== undefined ? `run the same command again: ${run.resumeCommand}` : 'run the command that started it again (the same command resumes it)';
  return `${run.id}: interrupted (process ${run.owner?.pid ?? '?'} on ${run.owner?.host ?? '?'} is gone); every stored answer is kept; to resume, ${how}`;
}
