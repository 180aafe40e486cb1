// An evaluation through one pooled endpoint of three `weirdgen serve` processes: one is killed
// (SIGKILL) mid-run and later restarted on its port. Every sample is answered exactly once, the two
// others share the load meanwhile, and the restarted one is probed back and used again.
// The servers run the built CLI (dist/): `npm run build` first.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { exitCode, spawnServe, type ServeProcess } from '../helpers/serve-process.js';
import { openStore } from '../../src/store/store.js';

const SAMPLES = 600;
const SERVE_ARGS = ['--latency-ms', '60'];

/** Polls `check` until it holds; fails after `timeoutMs` (a bound on a hang, not a guess at timing) or once `stillRunning` is false. */
async function waitUntil(what: string, check: () => Promise<boolean>, stillRunning: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (!stillRunning()) throw new Error(`the evaluation ended before ${what}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

const requests = async (s: ServeProcess) => (await s.stats()).requests;

describe('eval through a pool of three servers', () => {
  it('survives one server killed and restarted mid-run: every sample answered once, load shared, the restarted one used again', async () => {
    const servers = await Promise.all([0, 1, 2].map(() => spawnServe(SERVE_ARGS)));
    const [live1, live2, victim] = servers as [ServeProcess, ServeProcess, ServeProcess];
    let restarted: ServeProcess | undefined;
    try {
      const dir = tempDir();
      const config = join(dir, 'weirdgen.config.yaml');
      writeFileSync(config, ['endpoints:', '  pool:', '    replicas:', ...servers.map((s) => `      - { baseUrl: "${s.url}", concurrency: 2 }`)].join('\n') + '\n');
      const spec = join(dir, 'spec.yaml');
      writeFileSync(spec, `questions:\n  - id: q\n    paraphrases: ["q bird", "q city", "q music"]\n    samples: ${SAMPLES / 3}\n    maxTokens: 4\n`);
      const flags = ['--config', config, '--workspace', join(dir, 'ws')];

      let running = true;
      const evaluation = cli([...flags, 'eval', spec, '--models', 'pool:base', '--run', 'pooled']).finally(() => (running = false));
      const isRunning = () => running;

      await waitUntil('each server answered', async () => (await Promise.all(servers.map(requests))).every((n) => n >= 5), isRunning);
      const port = new URL(victim.url).port;
      const beforeKill = await victim.stats();
      victim.child.kill('SIGKILL');
      expect(await exitCode(victim.child)).toBe(null);

      const atKill = await Promise.all([live1, live2].map(requests));
      await waitUntil('both live servers answered after the kill', async () => (await Promise.all([live1, live2].map(requests))).every((n, i) => n >= atKill[i]! + 10), isRunning);

      restarted = await spawnServe(['--port', port, ...SERVE_ARGS]);
      expect(restarted.url).toBe(victim.url);
      await waitUntil('the restarted server got requests', async () => (await requests(restarted!)) > 0, isRunning);

      const r = await evaluation;
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code).toBe(0);

      // No sample answered twice anywhere (the killed server's count read just before its death).
      const counts = new Map<string, number>();
      for (const stats of [beforeKill, ...(await Promise.all([live1, live2, restarted].map((s) => s.stats())))]) {
        for (const [key, n] of Object.entries(stats.completions)) counts.set(key, (counts.get(key) ?? 0) + n);
      }
      expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
      // Only what the killed server answered between that read and the kill is missing: its two slots at most.
      expect(counts.size).toBeGreaterThanOrEqual(SAMPLES - 2);
      expect((await restarted.stats()).requests).toBeGreaterThan(0);

      // Every sample stored once with an answer, under the endpoint's name (never a replica's address).
      const store = openStore(flags[3]!);
      const stored = store.db.prepare(`SELECT status, endpoint, json_extract(material, '$.endpoint') AS keyed, SUM(instr(material, '127.0.0.1') > 0) AS addresses, COUNT(*) AS n FROM requests GROUP BY status, endpoint, keyed`).all();
      store.close();
      expect(stored).toEqual([{ status: 'ok', endpoint: 'pool', keyed: 'pool', addresses: 0, n: SAMPLES }]);
      const rows = (await cli([...flags, 'export', 'pooled', '--format', 'jsonl'])).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { answer: unknown; paraphrase_ix: number; sample_ix: number });
      expect(rows.length).toBe(SAMPLES);
      expect(new Set(rows.map((row) => `${row.paraphrase_ix}/${row.sample_ix}`)).size).toBe(SAMPLES);
      expect(rows.every((row) => typeof row.answer === 'string')).toBe(true);
    } finally {
      if (victim.child.signalCode === null) await victim.stop();
      await Promise.all([live1, live2, ...(restarted ? [restarted] : [])].map((s) => s.stop()));
    }
  }, 120_000);
});
