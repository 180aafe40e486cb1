// How fast `weirdgen` starts, as ratios to bare Node (`node -e 0`) measured in the same run: the
// median wall time of several starts each, and each command's peak RSS. Targets: --version and
// --help within 3x of bare Node and under 80 MB; `data validate` of a small file within 5x. Listing
// commands (no model run, no figure drawn) are measured for information, with no target.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtCli, ROOT } from './built-cli.js';
import { MB, rssProbe } from './measured-child.js';

const ROUNDS = 7;

interface Case {
  name: string;
  args: string[];
  /** Absent: measured for information only. */
  maxRatio?: number;
  maxRssMb?: number;
}

function startMs(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function peakRss(args: readonly string[], probe: string): number {
  const r = spawnSync(process.execPath, ['--import', probe, ...args], { encoding: 'utf8', cwd: ROOT });
  const match = /maxrss (\d+)/.exec(r.stderr);
  if (!match) throw new Error(`no RSS reported by node ${args.join(' ')}: ${r.stderr}`);
  return Number(match[1]);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStartup(log: (line: string) => void): Promise<void> {
  const bin = builtCli(log);
  const probe = rssProbe();
  const dir = mkdtempSync(join(tmpdir(), 'weirdgen-bench-startup-'));
  const small = join(dir, 'small.jsonl');
  writeFileSync(small, `${Array.from({ length: 10 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `question ${i}` }, { role: 'assistant', content: `answer ${i}` }] })).join('\n')}\n`);
  const cases: Case[] = [
    { name: '--version', args: [bin, '--version'], maxRatio: 3, maxRssMb: 80 },
    { name: '--help', args: [bin, '--help'], maxRatio: 3, maxRssMb: 80 },
    { name: 'data validate (10 examples)', args: [bin, '--workspace', join(dir, 'ws'), 'data', 'validate', small], maxRatio: 5 },
    // The first start makes the workspace's database; the others read it, still without jobs or runs.
    { name: 'finetune list (empty workspace)', args: [bin, '--workspace', join(dir, 'empty-finetune'), 'finetune', 'list'] },
    { name: 'results (empty workspace)', args: [bin, '--workspace', join(dir, 'empty-results'), 'results'] },
    { name: 'experiments list', args: [bin, '--workspace', join(dir, 'ws'), 'experiments', 'list'] },
  ];
  const bare = ['-e', '0'];
  // Interleaved rounds, so that a busy moment of the machine weighs on every case alike.
  const times = new Map<string, number[]>([['node -e 0', []], ...cases.map((c) => [c.name, []] as [string, number[]])]);
  for (let round = 0; round < ROUNDS; round++) {
    times.get('node -e 0')!.push(startMs(bare));
    for (const c of cases) times.get(c.name)!.push(startMs(c.args));
  }
  const baseMs = median(times.get('node -e 0')!);
  const baseRss = peakRss(bare, probe);
  log(`node -e 0: ${baseMs.toFixed(0)} ms, ${(baseRss / MB).toFixed(0)} MB peak RSS (median of ${ROUNDS})`);
  for (const c of cases) {
    const ms = median(times.get(c.name)!);
    const rss = peakRss(c.args, probe);
    const ratio = ms / baseMs;
    const verdicts = [c.maxRatio === undefined ? `ratio ${ratio.toFixed(2)} (no target)` : `ratio ${ratio.toFixed(2)} (target <= ${c.maxRatio}) ${ratio <= c.maxRatio ? 'ok' : 'MISSED'}`, ...(c.maxRssMb !== undefined ? [`RSS target < ${c.maxRssMb} MB ${rss / MB < c.maxRssMb ? 'ok' : 'MISSED'}`] : [])];
    log(`weirdgen ${c.name}: ${ms.toFixed(0)} ms, ${(rss / MB).toFixed(0)} MB peak RSS; ${verdicts.join('; ')}`);
  }
}
