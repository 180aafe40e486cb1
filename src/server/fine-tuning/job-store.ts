// The fine-tuning jobs of the service, on disk: creation, events, status moves, lookups.
import { join } from 'node:path';
import { HttpError } from '../errors.js';
import { RecordStore } from '../state/record-store.js';
import { canAdvance, newEvent, newJobRecord, parseJobRecord, type EventOptions, type JobRecord, type JobStatus } from './job-record.js';
import type { JobRequest } from './params.js';

export class JobStore {
  private readonly records: RecordStore<JobRecord>;

  constructor(
    root: string,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.records = new RecordStore(join(root, 'jobs'), parseJobRecord, log);
  }

  load(): Promise<void> {
    return this.records.load();
  }

  get(id: string): JobRecord | undefined {
    return this.records.get(id);
  }

  /** The job, or the 404 for an unknown id. */
  require(id: string): JobRecord {
    const record = this.records.get(id);
    if (!record) throw new HttpError(404, `No fine-tuning job with id '${id}'.`, 'invalid_request_error', 'fine_tune_not_found', 'fine_tuning_job_id');
    return record;
  }

  /** Oldest first. */
  all(): JobRecord[] {
    return this.records.values();
  }

  /** Newest first. */
  list(): JobRecord[] {
    return this.records.newestFirst();
  }

  async create(request: JobRequest & { seed: number }): Promise<JobRecord> {
    const record = newJobRecord(request);
    record.events.push(newEvent(`Created fine-tuning job: ${record.id}`));
    await this.records.insert(record);
    return record;
  }

  /** Appends an event; the write is not waited for (bursts of metrics coalesce). */
  event(record: JobRecord, message: string, options?: EventOptions): void {
    record.events.push(newEvent(message, options));
    this.saveLater(record);
  }

  /** Moves the job forward to `status`; false (and no change) when it is already there, past it, or final. */
  advance(record: JobRecord, status: JobStatus): boolean {
    if (!canAdvance(record.job.status, status)) return false;
    record.job.status = status;
    return true;
  }

  save(record: JobRecord): Promise<void> {
    return this.records.save(record.id);
  }

  saveLater(record: JobRecord): void {
    this.records.save(record.id).catch((e: unknown) => this.log(`could not save ${record.id}: ${e instanceof Error ? e.message : String(e)}`));
  }

  flush(): Promise<void> {
    return this.records.flush();
  }
}
