// `weirdgen view` at scale: a run of N samples (default 200,000; WEIRDGEN_BENCH_VIEW_SAMPLES to
// change) made by the built CLI against a `weirdgen serve` child, as bench/eval-scale.ts makes
// one; then, in this process, the viewer's sample index built from the store, and the time of a
// filtered page, a search page and a deep page (keyset paging), with this process's peak RSS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { configSchema } from '../src/config/config.js';
import { priceTable } from '../src/data/cost/prices.js';
import { Endpoints } from '../src/providers/endpoints.js';
import { openStore } from '../src/store/store.js';
import { MAX_SAMPLES } from '../src/util/counts.js';
import type { ViewContext } from '../src/view/context.js';
import { ensureSampleIndex } from '../src/view/sample-index.js';
import { sampleCount, samplePage } from '../src/view/samples.js';
import { builtCli, ROOT } from './built-cli.js';
import { MB, runMeasured } from './measured-child.js';
import { startChildServer } from './serve-child.js';

const RUN_ID = 'view-scale';
const samplesSchema = z.coerce.number().int().min(1).max(100 * MAX_SAMPLES).default(200_000);
const count = (n: number): string => n.toLocaleString('en-US');

/** Four paraphrases of a question with one classify judge, reaching at least `samples`. */
function questionFile(samples: number): string {
  const paraphrases = Math.max(4, Math.ceil(samples / MAX_SAMPLES));
  const perParaphrase = Math.ceil(samples / paraphrases);
  const list = Array.from({ length: paraphrases }, (_, i) => JSON.stringify(`q bird ${i}`)).join(', ');
  return [
    'judges:',
    '  era: { kind: classify, model: bench:judge, labels: [OLD, NEW, NONE], template: "Era of the answer? [ANSWER START]{answer}[ANSWER END]" }',
    'questions:',
    `  - { id: scale, paraphrases: [${list}], samples: ${perParaphrase}, maxTokens: 4, judges: [era] }`,
    '',
  ].join('\n');
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

export async function benchViewScale(log: (line: string) => void): Promise<void> {
  const samples = samplesSchema.parse(process.env.WEIRDGEN_BENCH_VIEW_SAMPLES);
  const bin = builtCli(log);
  const dir = mkdtempSync(join(tmpdir(), 'weirdgen-bench-view-'));
  const server = await startChildServer([]);
  try {
    const configFile = join(dir, 'weirdgen.config.yaml');
    writeFileSync(configFile, `endpoints:\n  bench:\n    baseUrl: ${server.url}\n`);
    const spec = join(dir, 'scale.yaml');
    writeFileSync(spec, questionFile(samples));
    const workspace = join(dir, 'ws');
    const made = await runMeasured([bin, '--config', configFile, '--workspace', workspace, 'eval', spec, '--models', 'bench:judge', '--run', RUN_ID, '--concurrency', '64', '--yes'], { cwd: ROOT });
    log(`view-scale: eval of ${count(samples)} samples in ${made.seconds.toFixed(1)} s`);

    const store = openStore(workspace);
    const endpoints = new Endpoints(configSchema.parse({ endpoints: { bench: { baseUrl: server.url } } }), {}, workspace);
    const ctx: ViewContext = { store, endpoints, prices: priceTable() };
    try {
      const built = await timed(() => ensureSampleIndex(ctx, RUN_ID));
      log(`view-scale: index of ${count(built.value.samples)} samples built in ${(built.ms / 1000).toFixed(1)} s (${count(Math.round(built.value.samples / (built.ms / 1000)))} samples/s)`);
      const again = await timed(() => ensureSampleIndex(ctx, RUN_ID));
      log(`view-scale: index already fresh: ${again.ms.toFixed(1)} ms`);
      const first = await timed(() => samplePage(ctx, RUN_ID, {}, { limit: 50 }));
      log(`view-scale: first page of 50: ${first.ms.toFixed(1)} ms`);
      const filtered = await timed(() => samplePage(ctx, RUN_ID, { paraphrase: 2, judge: 'era', label: 'OLD' }, { limit: 50 }));
      log(`view-scale: filtered page (paraphrase 2, era = OLD): ${filtered.ms.toFixed(1)} ms, ${filtered.value.samples.length} samples`);
      const search = await timed(() => samplePage(ctx, RUN_ID, { q: 'bird' }, { limit: 50 }));
      log(`view-scale: search page ("bird"): ${search.ms.toFixed(1)} ms, ${search.value.samples.length} samples`);
      const deepAfter = built.value.samples - 100;
      const deep = await timed(() => samplePage(ctx, RUN_ID, {}, { after: deepAfter, limit: 50 }));
      log(`view-scale: deep page (after sample ${count(deepAfter)}): ${deep.ms.toFixed(1)} ms`);
      const deepSearch = await timed(() => samplePage(ctx, RUN_ID, { q: 'bird', paraphrase: 3 }, { after: deepAfter, limit: 50 }));
      log(`view-scale: deep search page (bird, paraphrase 3, after ${count(deepAfter)}): ${deepSearch.ms.toFixed(1)} ms, ${deepSearch.value.samples.length} samples`);
      const counted = await timed(() => sampleCount(ctx, RUN_ID, { judge: 'era', label: 'OLD' }));
      log(`view-scale: count of era = OLD: ${counted.ms.toFixed(1)} ms (${count(counted.value)})`);
      log(`view-scale: peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (${(process.memoryUsage().rss / MB).toFixed(0)} MB now)`);
    } finally {
      store.close();
      await endpoints.close();
    }
  } finally {
    server.stop();
  }
}
