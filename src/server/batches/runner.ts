// Runs batches in the background: validating -> in_progress -> finalizing -> completed (or failed,
// or cancelling -> cancelled). Every request goes through the server's own chat path.
import { setTimeout as delay } from 'node:timers/promises';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { HttpError, toHttpError } from '../errors.js';
import { BackgroundTasks, CANCELLED, SHUTDOWN } from '../service/background-tasks.js';
import type { FileStore } from '../files/store.js';
import { newId, unixSeconds } from '../state/ids.js';
import type { BatchObject, BatchRecord } from './batch-record.js';
import type { BatchStore } from './batch-store.js';
import { parseBatchInput, type BatchRequestLine } from './input.js';

/** Runs one request body as POST /v1/chat/completions would. */
export type BatchChat = (body: unknown, signal: AbortSignal) => Promise<ChatCompletion>;

export interface BatchRunnerOptions {
  files: FileStore;
  batches: BatchStore;
  chat: BatchChat;
  /** Extra time a batch sits in `validating`, and again in `in_progress`. */
  delayMs: number;
  /** Requests of one batch in flight at once. */
  concurrency: number;
  log: (line: string) => void;
}

interface OutputLine {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: unknown };
  error: null;
}


export class BatchRunner {
  private readonly tasks: BackgroundTasks;

  constructor(private readonly o: BatchRunnerOptions) {
    this.tasks = new BackgroundTasks(o.log);
  }

  start(record: BatchRecord): void {
    this.tasks.start(record.id, (signal) => this.run(record, signal));
  }

  /** Cancels a live batch: the answer shows it `cancelling`; it ends `cancelled`. 400 for a finished one. */
  async cancel(record: BatchRecord): Promise<BatchObject> {
    const from = record.batch.status;
    if (from === 'cancelling') return structuredClone(record.batch);
    if (!this.o.batches.advance(record, 'cancelling', unixSeconds())) {
      throw new HttpError(400, `Cannot cancel a batch with status '${from}'.`, 'invalid_request_error', 'invalid_batch_status');
    }
    await this.o.batches.save(record);
    const answer = structuredClone(record.batch);
    if (!this.tasks.abort(record.id, CANCELLED)) await this.finishCancel(record, []);
    return answer;
  }

  async close(): Promise<void> {
    await this.tasks.stopAll();
    await this.o.batches.flush();
  }

  private async run(record: BatchRecord, signal: AbortSignal): Promise<void> {
    const outputs: OutputLine[] = [];
    try {
      if (record.batch.status === 'cancelling') return await this.finishCancel(record, outputs);
      const input = parseBatchInput(await this.o.files.content(record.batch.input_file_id), record.batch.endpoint);
      await delay(this.o.delayMs, undefined, { signal });
      if (!input.ok) return await this.fail(record, input.errors);
      const first = input.requests[0]!.body.model;
      record.batch.model = typeof first === 'string' ? first : null;
      record.batch.request_counts = { total: input.requests.length, completed: 0, failed: 0 };
      this.o.batches.advance(record, 'in_progress', unixSeconds());
      await this.o.batches.save(record);
      await delay(this.o.delayMs, undefined, { signal });
      await this.execute(record, input.requests, outputs, signal);
      this.o.batches.advance(record, 'finalizing', unixSeconds());
      await this.o.batches.save(record);
      await this.writeResults(record, outputs);
      this.o.batches.advance(record, 'completed', unixSeconds());
      await this.o.batches.save(record);
    } catch (e) {
      if (signal.aborted && signal.reason === SHUTDOWN) return;
      if (signal.aborted) return await this.finishCancel(record, outputs);
      this.o.log(`${record.id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      await this.fail(record, [{ code: 'internal_error', line: null, message: `The server had an error while running the batch: ${e instanceof Error ? e.message : String(e)}`, param: null }]);
    }
  }

  /** Runs the requests `concurrency` at a time, in input order into `outputs`; stops taking new ones once aborted. */
  private async execute(record: BatchRecord, requests: readonly BatchRequestLine[], outputs: OutputLine[], signal: AbortSignal): Promise<void> {
    const results: (OutputLine | undefined)[] = new Array(requests.length);
    const usage = { input_tokens: 0, output_tokens: 0 };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length && !signal.aborted) {
        const index = next++;
        const request = requests[index]!;
        const line: OutputLine = { id: newId.batchRequest(), custom_id: request.customId, response: { status_code: 200, request_id: newId.request(), body: null }, error: null };
        try {
          const completion = await this.o.chat(request.body, signal);
          line.response.body = completion;
          usage.input_tokens += completion.usage?.prompt_tokens ?? 0;
          usage.output_tokens += completion.usage?.completion_tokens ?? 0;
          record.batch.request_counts.completed += 1;
        } catch (e) {
          if (signal.aborted) return;
          const error = toHttpError(e);
          Object.assign(line.response, { status_code: error.status, body: error.body() });
          record.batch.request_counts.failed += 1;
        }
        results[index] = line;
        this.o.batches.saveLater(record);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, requests.length) }, worker));
    for (const line of results) if (line) outputs.push(line);
    record.batch.usage = { ...usage, total_tokens: usage.input_tokens + usage.output_tokens, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } };
    signal.throwIfAborted();
  }

  /** The output file (every answered request, possibly none) and, when some failed, the error file. */
  private async writeResults(record: BatchRecord, outputs: readonly OutputLine[]): Promise<void> {
    const ok = outputs.filter((l) => l.response.status_code === 200);
    const failed = outputs.filter((l) => l.response.status_code !== 200);
    const jsonl = (lines: readonly OutputLine[]) => Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    record.batch.output_file_id = (await this.o.files.create(`batch_${record.id}_output.jsonl`, 'batch_output', jsonl(ok))).id;
    if (failed.length > 0) record.batch.error_file_id = (await this.o.files.create(`batch_${record.id}_error.jsonl`, 'batch_output', jsonl(failed))).id;
  }

  private async finishCancel(record: BatchRecord, outputs: readonly OutputLine[]): Promise<void> {
    // What was answered before the cancellation stays available, as on OpenAI.
    if (outputs.length > 0) await this.writeResults(record, outputs);
    this.o.batches.advance(record, 'cancelled', unixSeconds());
    await this.o.batches.save(record);
  }

  private async fail(record: BatchRecord, errors: NonNullable<BatchRecord['batch']['errors']>['data']): Promise<void> {
    record.batch.errors = { object: 'list', data: errors };
    this.o.batches.advance(record, 'failed', unixSeconds());
    await this.o.batches.save(record);
  }
}
