// The tfjs wasm backend, loaded and initialised once per process on the first ensureBackend():
// commands that never run a sandbox model never load tfjs. Until then `tf` throws on any use.
import type * as Tfjs from '@tensorflow/tfjs';

/** tfjs's types under the name `tf`, for annotations beside the value loaded on demand. */
export declare namespace tf {
  type Rank = Tfjs.Rank;
  type Tensor<R extends Rank = Rank> = Tfjs.Tensor<R>;
  type Tensor1D = Tfjs.Tensor1D;
  type Tensor2D = Tfjs.Tensor2D;
  type Tensor3D = Tfjs.Tensor3D;
  type Scalar = Tfjs.Scalar;
  type Variable<R extends Rank = Rank> = Tfjs.Variable<R>;
  type GradSaveFunc = Tfjs.GradSaveFunc;
}

const notLoaded = new Proxy({} as typeof Tfjs, {
  get(_, name) {
    // Symbols are inspection (util.inspect, toStringTag), not use.
    if (typeof name === 'symbol') return undefined;
    throw new Error(`tf.${name} used before the tfjs backend was loaded: await ensureBackend() first`);
  },
});

/** tfjs itself, once ensureBackend() has resolved (a live binding: importers see the loaded module). */
export let tf: typeof Tfjs = notLoaded;

let ready: Promise<void> | undefined;

export function ensureBackend(): Promise<void> {
  ready ??= (async () => {
    const loaded = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
    await loaded.setBackend('wasm');
    await loaded.ready();
    loaded.enableProdMode();
    tf = loaded;
  })();
  return ready;
}
