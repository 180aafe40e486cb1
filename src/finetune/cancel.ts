// Finding a ledger job by its provider id (or a unique prefix), and cancelling it on its provider.
import { withRetries, type Endpoints } from '../providers/index.js';
import type { Ledger, LedgerJob } from '../store/index.js';
import { WeirdgenError } from '../util/errors.js';
import { remoteApi } from './endpoint.js';

/** The one job whose id is or starts with `id`; an error when none or several match. */
export function findJob(ledger: Ledger, id: string, where: string): LedgerJob {
  const found = ledger.jobById(id);
  if (found.length === 1) return found[0]!;
  throw new WeirdgenError(found.length === 0 ? `no job "${id}" in the ledger (${where})` : `${found.length} jobs start with "${id}"; give more of the id`);
}

/** Cancels `job` on its provider (with the provider retry policy) and records what the provider says. */
export async function cancelJob(ledger: Ledger, endpoints: Endpoints, job: LedgerJob): Promise<LedgerJob> {
  if (!job.jobId) throw new WeirdgenError(`job ${job.launchKey.slice(0, 12)} was never created on its provider: nothing to cancel`);
  const remote = await withRetries(() => remoteApi(endpoints, job.endpoint).cancelJob(job.jobId!));
  return ledger.recordRemote(job.launchKey, remote);
}
