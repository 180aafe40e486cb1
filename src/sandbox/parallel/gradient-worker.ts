// Worker thread: reads the shared parameters, computes the gradients of its shard of a batch, and
// writes them into its own shared buffer.
import { parentPort, workerData } from 'node:worker_threads';
import { ensureBackend, tf } from '../model/backend.js';
import type { Batch } from '../model/batch.js';
import type { ModelConfig } from '../model/config.js';
import { batchGradients } from '../model/gradients.js';
import { createModel } from '../model/weights.js';
import type { TensorSlot } from './layout.js';

export interface WorkerSetup {
  config: ModelConfig;
  slots: TensorSlot[];
  params: SharedArrayBuffer;
  grads: SharedArrayBuffer;
}

export type WorkerReply = { type: 'ready' } | { type: 'done'; loss: number; counted: number } | { type: 'error'; message: string };

const setup = workerData as WorkerSetup;
const params = new Float32Array(setup.params);
const gradsOut = new Float32Array(setup.grads);
const port = parentPort!;

await ensureBackend();
const model = createModel(setup.config, 0, Object.fromEntries(setup.slots.map((s) => [s.name, params.slice(s.offset, s.offset + s.size)])));
const trainable = Object.entries(model.weights).map(([name, variable]) => ({ name, variable }));

port.on('message', (batch: Batch) => {
  try {
    for (const s of setup.slots) tf.tidy(() => model.weights[s.name]!.assign(tf.tensor(params.subarray(s.offset, s.offset + s.size), s.shape)));
    const { loss, grads } = batchGradients(model, batch, trainable);
    for (const s of setup.slots) gradsOut.set(grads[s.name]!.dataSync() as Float32Array, s.offset);
    tf.dispose(Object.values(grads));
    port.postMessage({ type: 'done', loss, counted: batch.counted } satisfies WorkerReply);
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error).message } satisfies WorkerReply);
  }
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
