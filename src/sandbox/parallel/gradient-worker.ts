// Worker thread: reads the shared parameters, computes the gradients of its shard of a batch, and
// writes them into its own shared buffer.
import { parentPort, workerData } from 'node:worker_threads';
import { ensureBackend, tf } from '../model/backend.js';
import type { Batch } from '../model/batch.js';
import type { ModelConfig } from '../model/config.js';
import { SharedTransposes } from '../model/backprop-ops.js';
import { backpropStack } from '../model/backprop.js';
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
// Every parameter trains, so nothing is shared and nothing is transposed across steps.
const shared = new SharedTransposes();

port.on('message', (batch: Batch) => {
  const stacked = Object.fromEntries(setup.slots.map((s) => [s.name, [tf.tensor(params.subarray(s.offset, s.offset + s.size), s.shape)]]));
  try {
    const { loss, grads } = backpropStack(setup.config, { base: {}, stacked }, [batch], shared)[0]!;
    for (const s of setup.slots) gradsOut.set(grads[s.name]!, s.offset);
    port.postMessage({ type: 'done', loss, counted: batch.counted } satisfies WorkerReply);
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error).message } satisfies WorkerReply);
  } finally {
    tf.dispose(Object.values(stacked).flat());
  }
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
