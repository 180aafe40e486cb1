// `weirdgen eval` at scale: the built CLI in a child process (so its RSS is its own) asks N samples
// (default 1,000,000; WEIRDGEN_BENCH_SCALE_SAMPLES to change) of `judge` on a `weirdgen serve` child
// with no latency, with one judge, printing time and RSS per 100,000 samples as it goes; then a rerun
// of the finished run (all cached), `results` and `export` over it. Targets: peak RSS under 500 MB
// for each; RSS at 1,000,000 at most 100 MB above RSS at 100,000; reruns at 100,000 samples/s.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { MAX_SAMPLES } from '../src/util/counts.js';
import { builtCli, ROOT } from './built-cli.js';
import { MB, runMeasured, type ChildMemory, type MeasuredRun } from './measured-child.js';
import { startChildServer } from './serve-child.js';

const STEP = 100_000;
const CONCURRENCY = 64;
const PEAK_TARGET_MB = 500;
const GROWTH_TARGET_MB = 100;
const RERUN_TARGET_PER_S = 100_000;
const RUN_ID = 'scale';

const samplesSchema = z.coerce.number().int().min(1).max(100 * MAX_SAMPLES).default(1_000_000);

const count = (n: number): string => n.toLocaleString('en-US');
const mb = (bytes: number): string => `${(bytes / MB).toFixed(0)} MB`;
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

/** Paraphrases x samples per paraphrase (each at most MAX_SAMPLES) reaching at least `samples`. */
function questionFile(samples: number): { yaml: string; total: number } {
  const paraphrases = Math.ceil(samples / MAX_SAMPLES);
  const perParaphrase = Math.ceil(samples / paraphrases);
  const list = Array.from({ length: paraphrases }, (_, i) => JSON.stringify(`q bird ${i}`)).join(', ');
  return {
    yaml: [
      'judges:',
      '  era: { kind: classify, model: bench:judge, labels: [OLD, NEW, NONE], template: "Era of the answer? [ANSWER START]{answer}[ANSWER END]" }',
      'questions:',
      `  - { id: scale, paraphrases: [${list}], samples: ${perParaphrase}, maxTokens: 4, judges: [era] }`,
      '',
    ].join('\n'),
    total: paraphrases * perParaphrase,
  };
}

const PROGRESS = /^(\w+)\s.*?\s(\d+)\/(\d+) \|/;

interface StageMark {
  done: number;
  seconds: number;
  nextStep: number;
}

/** Logs each stage's progress line as it passes a multiple of STEP; remembers the child's peak RSS at the first STEP answers. */
function progressLogger(log: (line: string) => void) {
  const stages = new Map<string, StageMark>();
  const at: { firstStep?: ChildMemory } = {};
  return {
    at,
    onLine(line: string, seconds: number, memory: () => ChildMemory | undefined) {
      const m = PROGRESS.exec(line);
      if (!m) return;
      const [stage, done, total] = [m[1]!, Number(m[2]), Number(m[3])];
      const mark = stages.get(stage) ?? { done: 0, seconds, nextStep: STEP };
      stages.set(stage, mark);
      if (done < mark.nextStep && done < total) return;
      if (done === mark.done) return;
      const now = memory();
      if (stage === 'answers' && mark.nextStep === STEP && done >= STEP) at.firstStep = now;
      // A rate over a handful of calls (the last few of a stage that repeats one call) says nothing.
      const perStep = total >= STEP && done - mark.done >= STEP / 10 ? `, ${(((seconds - mark.seconds) / (done - mark.done)) * STEP).toFixed(1)} s per ${count(STEP)} since ${count(mark.done)}` : '';
      const rss = now ? `RSS ${mb(now.rss)}, peak so far ${mb(now.peak)}` : 'RSS not readable here (no /proc)';
      log(`eval-scale: ${stage} ${count(done)}/${count(total)} at ${seconds.toFixed(1)} s${perStep}; ${rss}`);
      stages.set(stage, { done, seconds, nextStep: (Math.floor(done / STEP) + 1) * STEP });
    },
  };
}

/** The stage lines of eval's summary (calls, cached, asked, failed). */
const stageLines = (stdout: string): string[] => stdout.split('\n').filter((l) => /^(answers|judgments)\s+[\d,]+ calls/.test(l));

export async function benchEvalScale(log: (line: string) => void): Promise<void> {
  const samples = samplesSchema.parse(process.env.WEIRDGEN_BENCH_SCALE_SAMPLES);
  const bin = builtCli(log);
  const dir = mkdtempSync(join(tmpdir(), 'weirdgen-bench-scale-'));
  const server = await startChildServer([]);
  try {
    const config = join(dir, 'weirdgen.config.yaml');
    writeFileSync(config, `endpoints:\n  bench:\n    baseUrl: ${server.url}\n`);
    const question = questionFile(samples);
    const spec = join(dir, 'scale.yaml');
    writeFileSync(spec, question.yaml);
    const flags = [bin, '--config', config, '--workspace', join(dir, 'ws')];
    const evalArgs = [...flags, 'eval', spec, '--models', 'bench:judge', '--run', RUN_ID, '--concurrency', String(CONCURRENCY), '--yes'];
    log(`eval-scale: ${count(question.total)} samples (${count(samples)} asked for) of bench:judge on serve (no latency), one classify judge, concurrency ${CONCURRENCY}`);

    const progress = progressLogger(log);
    const first = await runMeasured(evalArgs, { cwd: ROOT, onStderrLine: progress.onLine });
    log(`eval-scale: eval ${count(question.total)} samples in ${first.seconds.toFixed(1)} s (${((first.seconds / question.total) * STEP).toFixed(1)} s per ${count(STEP)}), peak RSS ${mb(first.peakRss)}`);
    for (const line of stageLines(first.stdout)) log(`  ${line}`);

    const rerun = await runMeasured(evalArgs, { cwd: ROOT });
    const rerunRate = question.total / rerun.seconds;
    log(`eval-scale: rerun of the finished run in ${rerun.seconds.toFixed(2)} s = ${count(Math.round(rerunRate))} samples/s, peak RSS ${mb(rerun.peakRss)}`);
    for (const line of stageLines(rerun.stdout)) log(`  ${line}`);

    const results = await runMeasured([...flags, 'results', RUN_ID], { cwd: ROOT });
    log(`eval-scale: results in ${results.seconds.toFixed(1)} s, peak RSS ${mb(results.peakRss)}`);
    const csv = join(dir, 'scale.csv');
    const exported = await runMeasured([...flags, 'export', RUN_ID, '--format', 'csv', '--out', csv], { cwd: ROOT });
    log(`eval-scale: export (csv, ${mb(statSync(csv).size)}) in ${exported.seconds.toFixed(1)} s, peak RSS ${mb(exported.peakRss)}`);

    const peaks: [string, MeasuredRun][] = [['eval', first], ['rerun', rerun], ['results', results], ['export', exported]];
    log(`eval-scale: target peak RSS < ${PEAK_TARGET_MB} MB: ${peaks.map(([name, r]) => `${name} ${mb(r.peakRss)} ${verdict(r.peakRss < PEAK_TARGET_MB * MB)}`).join('; ')}`);
    const atStep = progress.at.firstStep;
    if (atStep === undefined) log(`eval-scale: target RSS at 1,000,000 at most ${GROWTH_TARGET_MB} MB above RSS at ${count(STEP)}: not measured (no RSS read at ${count(STEP)} answers)`);
    else {
      const growth = first.peakRss - atStep.peak;
      const scope = question.total >= 1_000_000 ? '' : ` (measured to ${count(question.total)} samples only; the target is at 1,000,000)`;
      log(`eval-scale: target peak RSS at the end at most ${GROWTH_TARGET_MB} MB above the peak at ${count(STEP)} answers: ${mb(first.peakRss)} - ${mb(atStep.peak)} = ${mb(growth)} ${verdict(growth <= GROWTH_TARGET_MB * MB)}${scope}`);
    }
    log(`eval-scale: target rerun >= ${count(RERUN_TARGET_PER_S)} samples/s: ${count(Math.round(rerunRate))} samples/s ${verdict(rerunRate >= RERUN_TARGET_PER_S)}`);
  } finally {
    server.stop();
  }
}
