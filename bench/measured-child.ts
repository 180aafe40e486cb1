// A Node child process timed and measured as its own: its peak RSS at exit (from an --import
// probe, on every platform) and, while it runs, its current and peak RSS from /proc (Linux only).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const MB = 1024 * 1024;

/** Prints the process's peak RSS (bytes) on stderr as it exits. */
const RSS_PROBE = `process.on('exit', () => process.stderr.write('\\nmaxrss ' + process.resourceUsage().maxRSS * 1024 + '\\n'));`;
const MAXRSS = /^maxrss (\d+)$/;

export interface ChildMemory {
  /** Bytes resident now (VmRSS). */
  rss: number;
  /** Peak bytes resident since the process started (VmHWM). */
  peak: number;
}

export interface MeasuredRun {
  stdout: string;
  seconds: number;
  /** Bytes. */
  peakRss: number;
}

export interface MeasuredOptions {
  cwd: string;
  /** Each line the child writes on stderr, with the seconds since it started. */
  onStderrLine?: (line: string, seconds: number, memory: () => ChildMemory | undefined) => void;
}

let probe: string | undefined;
/** A module that, loaded with --import, prints the process's peak RSS as it exits (`maxrss N` on stderr). */
export function rssProbe(): string {
  if (probe === undefined) {
    probe = join(mkdtempSync(join(tmpdir(), 'weirdgen-bench-probe-')), 'rss-probe.mjs');
    writeFileSync(probe, RSS_PROBE);
  }
  return probe;
}

function procMemory(pid: number): ChildMemory | undefined {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return undefined;
  const status = readFileSync(file, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  const memory = { rss: kb('VmRSS'), peak: kb('VmHWM') };
  return Number.isFinite(memory.rss) && Number.isFinite(memory.peak) ? memory : undefined;
}

/** Runs `node --import <probe> ...args` to its end; throws with the end of its stderr if it fails. */
export function runMeasured(args: readonly string[], options: MeasuredOptions): Promise<MeasuredRun> {
  const child = spawn(process.execPath, ['--import', rssProbe(), ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const memory = () => (child.pid === undefined ? undefined : procMemory(child.pid));
  let stdout = '';
  let stderrTail: string[] = [];
  let peakRss: number | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  createInterface({ input: child.stderr }).on('line', (line) => {
    const maxrss = MAXRSS.exec(line);
    if (maxrss) peakRss = Number(maxrss[1]);
    else {
      stderrTail = [...stderrTail.slice(-19), line];
      options.onStderrLine?.(line, seconds(), memory);
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    // 'close' comes after both output streams have ended, so the probe's line has been read.
    child.once('close', (code) => {
      const elapsed = seconds();
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}:\n${stderrTail.join('\n')}`));
      else if (peakRss === undefined) reject(new Error(`no RSS reported by node ${args.join(' ')}`));
      else resolve({ stdout, seconds: elapsed, peakRss });
    });
  });
}
