// Abort signals handed to providers. The SDK adds an abort listener to the signal of each call and
// never removes it, so the run's own signal cannot be passed on: listeners would pile up on it (and
// each addition scans those already there). A signal of its own per call costs an AbortController,
// which Node 20 makes slow. Calls therefore share linked signals, a fresh one every few calls: each
// carries at most that many of the SDK's listeners and is unlinked from the run's signal once all
// of its calls have ended.

import { setMaxListeners } from 'node:events';

const CALLS_PER_SIGNAL = 64;

interface Shared {
  controller: AbortController;
  handedOut: number;
  running: number;
  unlink(): void;
}

export interface LinkedSignal {
  /** Aborts when the parent does, with its reason. */
  signal: AbortSignal;
  /** Call once the call has ended (settled either way). */
  done(): void;
}

export class LinkedSignals {
  private current: Shared | undefined;

  constructor(
    private readonly parent: AbortSignal,
    private readonly callsPerSignal = CALLS_PER_SIGNAL,
  ) {}

  take(): LinkedSignal {
    if (!this.current || this.current.handedOut >= this.callsPerSignal) this.current = this.link();
    const shared = this.current;
    shared.handedOut++;
    shared.running++;
    let ended = false;
    return {
      signal: shared.controller.signal,
      done: () => {
        if (ended) return;
        ended = true;
        if (--shared.running === 0 && shared.handedOut >= this.callsPerSignal) shared.unlink();
      },
    };
  }

  private link(): Shared {
    const controller = new AbortController();
    // Up to one SDK listener per call it is handed to: that many is expected, not a leak.
    setMaxListeners(this.callsPerSignal, controller.signal);
    const { parent } = this;
    if (parent.aborted) {
      controller.abort(parent.reason);
      return { controller, handedOut: 0, running: 0, unlink: () => {} };
    }
    const forward = () => controller.abort(parent.reason);
    parent.addEventListener('abort', forward, { once: true });
    return { controller, handedOut: 0, running: 0, unlink: () => parent.removeEventListener('abort', forward) };
  }
}
