// A run killed (SIGKILL) at three random moments and resumed ends with the same table as a run
// that was never interrupted: same samples, same seeds, same answers, same judgments.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { exitCode, spawnCli, spawnServe } from '../helpers/serve-process.js';

const SPEC = [
  'judges:',
  '  era: { kind: classify, model: test:judge, labels: [OLD, NEW, NONE], template: "[ANSWER START]{answer}[ANSWER END]" }',
  '  oldness: { kind: rating, model: test:judge, template: "[ANSWER START]{answer}[ANSWER END] a number between 0 and 100" }',
  'questions:',
  '  - { id: birds, paraphrases: ["q bird", "q city"], samples: 120, maxTokens: 6, judges: [era, oldness] }',
  '  - { id: music, paraphrases: ["q music"], samples: 120, maxTokens: 6, judges: [era] }',
].join('\n');

describe('kill and resume', () => {
  it('a run SIGKILLed three times and resumed equals an uninterrupted run', async () => {
    const serve = await spawnServe(['--latency-ms', '25']);
    try {
      const dir = tempDir();
      const config = join(dir, 'weirdgen.config.yaml');
      writeFileSync(config, `endpoints:\n  test:\n    baseUrl: ${serve.url}\n    concurrency: 8\n`);
      const spec = join(dir, 'spec.yaml');
      writeFileSync(spec, SPEC);
      const args = (ws: string) => ['--config', config, '--workspace', join(dir, ws), 'eval', spec, '--models', 'a=test:base-1,test:base-2;b=test:base-3', '--run', 'r'];

      const reference = await cli(args('reference'));
      expect(reference.code).toBe(0);

      const moments: number[] = [];
      for (let k = 0; k < 3; k++) {
        const child = spawnCli(args('killed'));
        const at = 900 + Math.floor(Math.random() * 1500);
        moments.push(at);
        await sleep(at);
        child.kill('SIGKILL');
        expect(await exitCode(child), `killed at ${moments.join(', ')} ms`).toBe(null);
      }
      const resumed = await cli(args('killed'));
      expect(resumed.code, resumed.stderr).toBe(0);
      // Earlier runs stored answers: the resumed one found some in the cache.
      expect(resumed.stdout, `killed at ${moments.join(', ')} ms`).toMatch(/answers\s+1,080 calls\s+([1-9][\d,]*) cached/);

      const table = async (ws: string) => (await cli(['--config', config, '--workspace', join(dir, ws), 'export', 'r', '--format', 'jsonl'])).stdout;
      const expected = await table('reference');
      expect(expected.split('\n').length).toBe(1080);
      expect(await table('killed')).toBe(expected);
    } finally {
      await serve.stop();
    }
  }, 120_000);
});
