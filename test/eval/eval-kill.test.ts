// A run killed (SIGKILL) at three moments chosen by observed progress (answers, then judgments, stored
// in the workspace database) shows as interrupted, and resumed ends with the same table as a run that
// was never interrupted: same samples, same seeds, same answers, same judgments.
// The child processes run the built CLI (dist/): `npm run build` first.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { exitCode, spawnCli, spawnServe } from '../helpers/serve-process.js';
import { storedRows, waitForStoredRows } from '../helpers/store-rows.js';

const SPEC = [
  'judges:',
  '  era: { kind: classify, model: test:judge, labels: [OLD, NEW, NONE], template: "[ANSWER START]{answer}[ANSWER END]" }',
  '  oldness: { kind: rating, model: test:judge, template: "[ANSWER START]{answer}[ANSWER END] a number between 0 and 100" }',
  'questions:',
  '  - { id: birds, paraphrases: ["q bird", "q city"], samples: 120, maxTokens: 6, judges: [era, oldness] }',
  '  - { id: music, paraphrases: ["q music"], samples: 120, maxTokens: 6, judges: [era] }',
].join('\n');

const ANSWERS = 1080;
const between = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

describe('kill and resume', () => {
  it('a run SIGKILLed three times shows as interrupted, and resumed equals an uninterrupted run', async () => {
    const serve = await spawnServe(['--latency-ms', '25']);
    try {
      const dir = tempDir();
      const config = join(dir, 'weirdgen.config.yaml');
      writeFileSync(config, `endpoints:\n  test:\n    baseUrl: ${serve.url}\n    concurrency: 8\n`);
      const spec = join(dir, 'spec.yaml');
      writeFileSync(spec, SPEC);
      const workspace = join(dir, 'killed');
      const args = (ws: string) => ['--config', config, '--workspace', ws, 'eval', spec, '--models', 'a=test:base-1,test:base-2;b=test:base-3', '--run', 'r'];

      const reference = await cli(args(join(dir, 'reference')));
      expect(reference.code).toBe(0);

      // Two kills while answers arrive, one while judgments do; each after rows this child stored.
      const kills: { table: 'requests' | 'judgments'; more: number }[] = [
        { table: 'requests', more: between(1, 150) },
        { table: 'requests', more: between(1, 150) },
        { table: 'judgments', more: between(1, 100) },
      ];
      const seen: string[] = [];
      for (const { table, more } of kills) {
        const child = spawnCli(args(workspace));
        const stored = await waitForStoredRows(workspace, table, storedRows(workspace, table) + more, child);
        child.kill('SIGKILL');
        seen.push(`${table} ${stored}`);
        expect(await exitCode(child), `killed at ${seen.join(', ')}`).toBe(null);
      }

      // The killed run is not `running` forever: its process is gone, and the list says how to resume.
      const list = await cli(['--config', config, '--workspace', workspace, 'results']);
      expect(list.stdout).toMatch(/^r\s+eval\s+interrupted\s/m);
      expect(list.stdout).toContain(`r: interrupted (process `);
      expect(list.stdout).toMatch(/to resume, run the same command again: weirdgen --workspace \S+killed --config \S+ eval \S+spec\.yaml --models 'a=test:base-1,test:base-2;b=test:base-3' --run r$/m);
      const json = JSON.parse((await cli(['--config', config, '--workspace', workspace, '--json', 'results'])).stdout) as { id: string; status: string; resume?: string }[];
      expect(json).toEqual([expect.objectContaining({ id: 'r', status: 'interrupted', resume: expect.stringContaining(' eval ') })]);

      const resumed = await cli(args(workspace));
      expect(resumed.code, resumed.stderr).toBe(0);
      // Every answer was stored before the last kill; some judgments were too.
      expect(resumed.stdout, `killed at ${seen.join(', ')}`).toMatch(/answers\s+1,080 calls\s+1,080 cached\s+0 asked/);
      expect(resumed.stdout, `killed at ${seen.join(', ')}`).toMatch(/judgments\s+[\d,]+ calls\s+([1-9][\d,]*) cached/);
      expect((await cli(['--config', config, '--workspace', workspace, 'results'])).stdout).toMatch(/^r\s+eval\s+complete\s/m);

      // Every column but the latency, which each workspace measured for itself.
      const table = async (ws: string) => (await cli(['--config', config, '--workspace', ws, 'export', 'r', '--format', 'jsonl'])).stdout.replace(/"latency_ms":\d+,/g, '');
      const expected = await table(join(dir, 'reference'));
      expect(expected.split('\n').length).toBe(ANSWERS);
      expect(await table(workspace)).toBe(expected);
    } finally {
      await serve.stop();
    }
  }, 180_000);
});
