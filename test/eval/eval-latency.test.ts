// Each call's latency, measured by weirdgen against `weirdgen serve` with injected latency and faults:
// stored with the answer (and the judgment), the attempt that answered only, kept by a rerun.
import { appendFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { startEvalServer, type EvalServer } from '../helpers/eval-server.js';
import { openWorkspace } from '../../src/api/workspace.js';
import { openStore } from '../../src/store/store.js';
import { exportSamples } from '../../src/view/export.js';

let current: EvalServer | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

interface Timed {
  key: string;
  attempts: number;
  latency_ms: number | null;
}

function timedCalls(workspace: string, table: 'requests' | 'judgments'): Timed[] {
  const store = openStore(workspace);
  try {
    return store.db.prepare(`SELECT key, attempts, latency_ms FROM ${table} WHERE status = 'ok' ORDER BY key`).all() as Timed[];
  } finally {
    store.close();
  }
}

const INJECTED_MS = 600;

describe('call latency', () => {
  it('stores at least the injected latency for every answer and judgment, of the attempt that answered, and a rerun keeps it', async () => {
    current = await startEvalServer({ latencyMs: INJECTED_MS, faults: { '500': 0.3 }, seed: 5 });
    const spec = current.writeSpec(
      'timed.yaml',
      [
        'judges:',
        '  era: { kind: classify, model: test:judge, labels: [OLD, NEW, NONE], template: "Era of the answer? [ANSWER START]{answer}[ANSWER END]" }',
        'questions:',
        '  - { id: t, paraphrases: ["q bird", "q city"], samples: 6, maxTokens: 4, judges: [era] }',
      ].join('\n'),
    );
    appendFileSync(current.config, 'prices:\n  base: { input: 2, output: 8 }\n  judge: { input: 1, output: 4 }\n');
    const flags = current.flags();
    const workspace = flags[3]!;
    const r = await cli([...flags, 'eval', spec, '--models', 'test:base', '--run', 'timed']);
    expect(r.code).toBe(0);
    const answers = timedCalls(workspace, 'requests');
    const judgments = timedCalls(workspace, 'judgments');
    expect(answers.length).toBe(12);
    expect(judgments.length).toBeGreaterThan(0);
    for (const call of [...answers, ...judgments]) expect(call.latency_ms).toBeGreaterThanOrEqual(INJECTED_MS);
    // A failed attempt also waited the injected latency, then a back-off: the stored latency is the answering attempt's alone.
    const retried = [...answers, ...judgments].filter((c) => c.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const call of retried) expect(call.latency_ms).toBeLessThan(2 * INJECTED_MS);

    // export reads each answer's latency, tokens and key back, with its cost at the config's prices.
    const exported = await cli([...flags, 'export', 'timed', '--format', 'jsonl']);
    expect(exported.code, exported.stderr).toBe(0);
    const rows = exported.stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const latencyOf = new Map(answers.map((a) => [a.key, a.latency_ms]));
    expect(rows.length).toBe(12);
    for (const row of rows) {
      expect(row.latency_ms).toBe(latencyOf.get(row.cache_key as string));
      expect(row.cost).toBeCloseTo(((row.prompt_tokens as number) * 2 + (row.completion_tokens as number) * 8) / 1e6, 12);
      expect(row.completion_tokens).toBeGreaterThan(0);
      expect(row.era_prompt_tokens).toBeGreaterThan(0);
      expect(row.era_cost).toBeCloseTo(((row.era_prompt_tokens as number) * 1 + (row.era_completion_tokens as number) * 4) / 1e6, 12);
    }
    // The viewer's export is the same rows, at the same (the config's) prices.
    const ws = await openWorkspace({ dir: workspace, configFile: current.config });
    try {
      const viewed = [...(await exportSamples(ws, 'timed', {}, 'jsonl'))].join('').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.cache_key).localeCompare(String(b.cache_key));
      expect(viewed.sort(byKey)).toEqual([...rows].sort(byKey));
    } finally {
      await ws.close();
    }

    current.server.resetStats();
    expect((await cli([...flags, 'eval', spec, '--models', 'test:base', '--run', 'timed'])).code).toBe(0);
    expect(current.server.stats().requests).toBe(0);
    expect(timedCalls(workspace, 'requests')).toEqual(answers);
    expect(timedCalls(workspace, 'judgments')).toEqual(judgments);
  }, 60_000);
});
