// Polling the provider for jobs in the ledger: status changes, resolved hyperparameters, events,
// checkpoints, the resulting model and, once it has succeeded, the per-step metrics of its result
// file are recorded as they appear; a restarted poller resumes.
import { setTimeout as sleep } from 'node:timers/promises';
import { withRetries, TERMINAL_JOB_STATUSES, type RemoteApi } from '../providers/index.js';
import type { Ledger, LedgerJob } from '../store/index.js';
import { readResultFile } from './results.js';

export function isFinished(job: LedgerJob): boolean {
  return job.status !== 'creating' && TERMINAL_JOB_STATUSES.has(job.status);
}

/** One look at a job on its provider; returns the updated ledger entry. */
export async function refreshJob(ledger: Ledger, remote: RemoteApi, job: LedgerJob): Promise<LedgerJob> {
  if (!job.jobId) return job;
  const jobId = job.jobId;
  const remoteJob = await withRetries(() => remote.retrieveJob(jobId));
  ledger.recordEvents(jobId, await withRetries(() => remote.listEvents(jobId)));
  ledger.recordCheckpoints(jobId, await withRetries(() => remote.listCheckpoints(jobId)));
  const after = ledger.recordRemote(job.launchKey, remoteJob);
  await readResultFile(ledger, remote, after);
  return after;
}

export interface WatchOptions {
  intervalMs: number;
  signal?: AbortSignal;
  onUpdate?: (before: LedgerJob, after: LedgerJob) => void;
  onError?: (job: LedgerJob, error: unknown) => void;
}

/** Polls until every job has finished (or the signal aborts); returns the jobs as last seen. */
export async function watchJobs(ledger: Ledger, remoteFor: (endpoint: string) => RemoteApi, jobs: readonly LedgerJob[], options: WatchOptions): Promise<LedgerJob[]> {
  let current = [...jobs];
  for (;;) {
    current = await Promise.all(
      current.map(async (job) => {
        // A finished job whose result file was never read (the poller stopped first) is looked at once more.
        if (isFinished(job) && ledger.resultFilePending(job) === undefined) return job;
        let after: LedgerJob;
        try {
          after = await refreshJob(ledger, remoteFor(job.endpoint), job);
        } catch (e) {
          // One job the provider cannot show (gone, access lost) does not stop the others.
          options.onError?.(job, e);
          return job;
        }
        if (after.status !== job.status || after.fineTunedModel !== job.fineTunedModel) options.onUpdate?.(job, after);
        return after;
      }),
    );
    if (current.every((j) => isFinished(j) || !j.jobId) || options.signal?.aborted) return current;
    try {
      await sleep(options.intervalMs, undefined, options.signal ? { signal: options.signal } : {});
    } catch {
      return current;
    }
  }
}
