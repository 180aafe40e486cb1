// Reading a succeeded job's result file (result_files[0]) into the ledger's per-step metrics: once
// per file, and resumed by the next poll when a poller stopped before it.
import { withRetries, ProviderError, type RemoteApi } from '../providers/index.js';
import type { ResultFileRecord, Ledger, LedgerJob } from '../store/index.js';
import { parseResultFile, ResultFileError } from './result-file.js';

/**
 * Reads the job's result file if it has one not read yet; returns what was recorded. A file that is
 * gone or is not the expected CSV is recorded with its reason (and not read again); a passing
 * failure (network, rate limit) is thrown, so the next poll tries again.
 */
export async function readResultFile(ledger: Ledger, remote: RemoteApi, job: LedgerJob): Promise<ResultFileRecord | undefined> {
  const fileId = ledger.resultFilePending(job);
  if (fileId === undefined || !job.jobId) return undefined;
  const jobId = job.jobId;
  let content: string;
  try {
    content = await withRetries(() => remote.fileContent(fileId));
  } catch (e) {
    if (!(e instanceof ProviderError && e.kind === 'not-found')) throw e;
    ledger.recordResultFileError(jobId, fileId, `result file ${fileId}: the provider no longer has it (${e.message})`);
    return ledger.resultFiles(jobId).find((r) => r.fileId === fileId);
  }
  try {
    ledger.recordStepMetrics(jobId, fileId, parseResultFile(fileId, content));
  } catch (e) {
    if (!(e instanceof ResultFileError)) throw e;
    ledger.recordResultFileError(jobId, fileId, e.message);
  }
  return ledger.resultFiles(jobId).find((r) => r.fileId === fileId);
}
