// A progress bar on stderr that degrades to occasional lines when stderr is not a terminal.
import cliProgress from 'cli-progress';
import { estimateEtaSeconds, formatEta } from './eta.js';

export interface Progress {
  update(done: number, values?: Record<string, string>): void;
  stop(): void;
}

/**
 * `format` may use `{remaining}`: the time left at the rate seen since the first update (ours; cli-progress's
 * `{eta_formatted}` prints NaN and Infinity as `NFs` and `LLs`, so it goes through the same formatter).
 */
export function progressBar(label: string, total: number, format = '{bar} {value}/{total} {remaining} {info}'): Progress {
  const bar = new cliProgress.SingleBar(
    { format: `${label} ${format}`, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true, formatTime: (t) => formatEta(Number(t)) },
    cliProgress.Presets.shades_classic,
  );
  let baseline: { done: number; at: number } | undefined;
  const remaining = (done: number) => formatEta(baseline ? estimateEtaSeconds({ done, total, startDone: baseline.done, elapsedMs: Date.now() - baseline.at }) : undefined);
  bar.start(total, 0, { info: '', remaining: formatEta(total > 0 ? undefined : 0) });
  return {
    update(done, values) {
      baseline ??= { done, at: Date.now() };
      bar.update(done, { remaining: remaining(done), ...values });
    },
    stop: () => bar.stop(),
  };
}
