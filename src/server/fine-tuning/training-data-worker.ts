// Worker thread: reads training files (validation, tokenization, sandbox token counts) off the
// server's event loop. One request at a time, in the order they come.
import { parentPort } from 'node:worker_threads';
import { JobFailure } from './failure.js';
import { readTrainingData } from './training-data.js';
import type { TrainingDataReply, TrainingDataRequest } from './training-data-thread.js';

const port = parentPort!;

port.on('message', (request: TrainingDataRequest) => {
  let reply: TrainingDataReply;
  try {
    const { examples, ...summary } = readTrainingData(request.content, request.filename, request.role);
    reply = { id: request.id, ok: true, summary, examplesJson: JSON.stringify(examples) };
  } catch (e) {
    reply = e instanceof JobFailure ? { id: request.id, ok: false, failure: e.toJobError() } : { id: request.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
