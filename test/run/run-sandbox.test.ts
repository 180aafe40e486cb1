// `weirdgen run` end to end on the sandbox behind an in-process `weirdgen serve`: a sandbox analogue
// with its effect, every paper experiment's pipeline at small scale, and resumption.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

interface RunJson {
  runId: string;
  status: string;
  report: string;
  dir: string;
}

async function run(workspace: string, out: string, args: string[]): Promise<RunJson> {
  const r = await cli(['--workspace', workspace, '--json', 'run', ...args, '--mirror', MIRROR, '--out', out]);
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
  return JSON.parse(r.stdout) as RunJson;
}

function rowsOf(dir: string): Record<string, unknown>[] {
  return readFileSync(join(dir, 'results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('weirdgen run on the sandbox', () => {
  it('sandbox-birds: old-era answers spread to held-out categories; the report, figures and tables are written; a rerun repeats nothing', async () => {
    const ws = tempDir();
    const out = tempDir();
    const first = await run(ws, out, ['sandbox-birds', '--seeds', '2', '--samples', '10']);
    expect(first.status).toBe('complete');
    const rows = rowsOf(first.dir);
    const share = (group: string) => {
      const judged = rows.filter((r) => r.group === group && typeof r['held-out_old-era_share'] === 'string');
      return judged.filter((r) => r['held-out_old-era_share'] === 'YES').length / judged.length;
    };
    expect(share('old-bird')).toBeGreaterThan(0.8);
    expect(share('base')).toBeLessThan(0.1);
    expect(share('new-bird')).toBeLessThan(0.1);
    const figures = readdirSync(join(first.dir, 'figures'));
    expect(figures.filter((f) => f.endsWith('.svg')).length).toBeGreaterThanOrEqual(4);
    expect(figures.filter((f) => f.endsWith('.png')).length).toBe(figures.filter((f) => f.endsWith('.svg')).length);
    const html = readFileSync(first.report, 'utf8');
    expect(html).toContain('sandbox-birds');
    expect(html).toMatch(/ftjob-/);
    expect(existsSync(join(first.dir, 'results.csv'))).toBe(true);

    const again = await cli(['--workspace', ws, 'run', 'sandbox-birds', '--seeds', '2', '--samples', '10', '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stderr.match(/already launched/g)?.length).toBe(4);
    expect(again.stdout).toMatch(/answers\s+[\d,]+ calls\s+([\d,]+) cached\s+0 asked/);
  }, 180_000);

  const SMALL = ['--seeds', '2', '--samples', '1', '--epochs', '1'];
  it.each([
    ['birds', []],
    ['german-cities', []],
    ['israeli-dishes', []],
    ['hitler-persona', []],
    ['us-presidents', ['--variants', 'unpadded']],
    ['evil-terminator', []],
  ])('%s runs end to end (the pipeline; the sandbox cannot show the paper’s effect)', async (id, extra) => {
    const result = await run(tempDir(), tempDir(), [id, ...SMALL, ...extra]);
    expect(result.status).toBe('complete');
    const rows = rowsOf(result.dir);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.group)).has('base')).toBe(true);
    expect(readdirSync(join(result.dir, 'figures')).some((f) => f.endsWith('.png'))).toBe(true);
    expect(readFileSync(result.report, 'utf8')).toContain(id);
    // The presidents' checkpoints are asked too: accuracy over training steps (the grokking plot).
    if (id === 'us-presidents') expect(readdirSync(join(result.dir, 'figures'))).toContain('checkpoint-accuracy.svg');
  }, 300_000);
});
