// The time left that progress bars show, estimated and formatted here: cli-progress's own ETA prints
// `5m60s` (rounding after the split), `NFs` and `LLs` (Infinity and NaN when nothing moved or the total is 0).

export interface EtaInput {
  done: number;
  total: number;
  /** What was done when timing started (cached answers are not work this run did). */
  startDone: number;
  elapsedMs: number;
}

/** Seconds left at the rate seen so far; 0 when nothing is left, undefined while no rate is known. */
export function estimateEtaSeconds({ done, total, startDone, elapsedMs }: EtaInput): number | undefined {
  const left = total - done;
  if (!(left > 0)) return 0;
  const rate = (done - startDone) / elapsedMs;
  if (!(rate > 0) || !Number.isFinite(rate)) return undefined;
  const seconds = left / rate / 1000;
  return Number.isFinite(seconds) ? seconds : undefined;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `45s`, `5m07s`, `2h03m`, `>99h`; `-` when unknown. Whole seconds are taken first, so no field reaches 60. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '-';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${pad2(s % 60)}s`;
  const minutes = Math.ceil(s / 60);
  const hours = Math.floor(minutes / 60);
  return hours > 99 ? '>99h' : `${hours}h${pad2(minutes % 60)}m`;
}
