// One progress bar per evaluation stage: done/total, rate, ETA, retries waiting, tokens, cost.
import { formatUsd } from '../data/index.js';
import type { StageProgress } from '../eval/index.js';
import { progressBar, type Progress } from './progress.js';

export function stageProgress(): { update(p: StageProgress): void; stop(): void } {
  let stage: string | undefined;
  let bar: Progress | undefined;
  let started = Date.now();
  let startDone = 0;
  return {
    update(p) {
      if (p.stage !== stage) {
        bar?.stop();
        stage = p.stage;
        started = Date.now();
        startDone = p.done;
        bar = progressBar(p.stage.padEnd(9), p.total, '{bar} {value}/{total} | eta {remaining} | {info}');
      }
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? ((p.done - startDone) / seconds).toFixed(1) : '0';
      bar!.update(p.done, { info: `${rate}/s | retrying ${p.retrying} | failed ${p.failed} | ${p.tokens.toLocaleString('en-US')} tokens | ${formatUsd(p.costUsd)}` });
    },
    stop() {
      bar?.stop();
    },
  };
}
