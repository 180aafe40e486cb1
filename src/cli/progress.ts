// A progress bar on stderr that degrades to occasional lines when stderr is not a terminal.
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, values?: Record<string, string>): void;
  stop(): void;
}

export function progressBar(label: string, total: number, format = '{bar} {value}/{total} {eta_formatted} {info}'): Progress {
  const bar = new cliProgress.SingleBar(
    { format: `${label} ${format}`, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { info: '' });
  return {
    update: (done, values) => bar.update(done, values ?? {}),
    stop: () => bar.stop(),
  };
}
