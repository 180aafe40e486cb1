// Work the service runs in the background (fine-tuning jobs, batches), by id: started, aborted with
// a reason (cancelled, or stopped by the server's shutdown), and awaited on close.

export const CANCELLED = 'cancelled';
/** A task stopped by the server's shutdown keeps its status and runs again on the next start. */
export const SHUTDOWN = 'shutdown';

export class BackgroundTasks {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(private readonly log: (line: string) => void) {}

  start(id: string, run: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    const done = run(controller.signal)
      .catch((e: unknown) => this.log(`${id}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.active.delete(id));
    this.active.set(id, { controller, done });
  }

  /** Aborts a running task; false when none runs under this id. */
  abort(id: string, reason: string): boolean {
    const task = this.active.get(id);
    task?.controller.abort(reason);
    return task !== undefined;
  }

  /** Aborts every task (SHUTDOWN) and waits for each to stop. */
  async stopAll(): Promise<void> {
    const running = [...this.active.values()];
    for (const task of running) task.controller.abort(SHUTDOWN);
    await Promise.all(running.map((task) => task.done));
  }
}
