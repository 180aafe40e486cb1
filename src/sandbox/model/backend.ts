// The tfjs wasm backend, initialised once per process.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

let ready: Promise<void> | undefined;

export function ensureBackend(): Promise<void> {
  ready ??= (async () => {
    await tf.setBackend('wasm');
    await tf.ready();
    tf.enableProdMode();
  })();
  return ready;
}

export { tf };
