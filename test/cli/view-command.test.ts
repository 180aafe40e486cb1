// `weirdgen view` as the built binary: it prints its URL, answers the runs list over HTTP (with
// the bearer key --key-env names, which it never prints), and exits 0 on SIGINT or SIGTERM; an
// unknown run or an unset key variable stops it before it listens, with exit 1 and a clear message.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { exitCode, spawnCli } from '../helpers/serve-process.js';

const SPEC = [
  'judges:',
  '  era: { kind: classify, model: sandbox:judge, labels: [OLD, NEW, NONE], template: "[ANSWER START]{answer}[ANSWER END]" }',
  'questions:',
  '  - { id: birds, paraphrases: ["q bird", "q city"], samples: 2, maxTokens: 6, judges: [era] }',
].join('\n');

const OPEN = /^weirdgen view: open (http:\/\/127\.0\.0\.1:\d+\/\S*)$/;

/** The URL the viewer prints once it listens, and everything it printed by then. */
function printedUrl(child: ChildProcessWithoutNullStreams): Promise<{ url: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout += `${line}\n`;
      const url = OPEN.exec(line)?.[1];
      if (url !== undefined) resolve({ url, stdout });
    });
    child.once('exit', (code) => reject(new Error(`view exited (${code}) before printing its URL: ${stderr}`)));
  });
}

describe('weirdgen view', () => {
  let workspace: string;
  let child: ChildProcessWithoutNullStreams | undefined;

  beforeAll(async () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, SPEC);
    workspace = join(dir, 'ws');
    const made = await cli(['--workspace', workspace, 'eval', spec, '--models', 'x=base-1;y=base-2', '--run', 'demo']);
    expect(made.code, made.stderr).toBe(0);
  }, 60_000);

  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  it('prints its URL, lists the workspace runs over HTTP, and exits 0 on SIGINT', async () => {
    child = spawnCli(['--workspace', workspace, 'view', 'demo', '--port', '0']);
    const { url } = await printedUrl(child);
    const origin = new URL(url).origin;
    expect(url).toBe(`${origin}/#/run/demo`);
    const runs = await fetch(`${origin}/api/runs`);
    expect(runs.status).toBe(200);
    expect(((await runs.json()) as { id: string; status: string }[]).map((r) => [r.id, r.status])).toEqual([['demo', 'complete']]);
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    child.kill('SIGINT');
    expect(await exitCode(child)).toBe(0);
  }, 30_000);

  it('requires the key --key-env names, never prints it, and exits 0 on SIGTERM', async () => {
    const key = 'view-secret-0123456789';
    child = spawnCli(['--workspace', workspace, 'view', '--port', '0', '--key-env', 'MY_VIEW_KEY'], { MY_VIEW_KEY: key });
    const { url, stdout } = await printedUrl(child);
    expect(stdout).not.toContain(key);
    expect(url).not.toContain(key);
    const origin = new URL(url).origin;
    const refused = await fetch(`${origin}/api/runs`);
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain(key);
    expect((await fetch(`${origin}/api/runs`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${origin}/api/runs`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  }, 30_000);

  it('fails with exit 1 and a clear message for an unknown run or an unset key variable', async () => {
    const unknown = await cli(['--workspace', workspace, 'view', 'dem', '--port', '0']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no run "dem".*did you mean "demo"/);

    const unset = await cli(['--workspace', workspace, 'view', '--port', '0', '--key-env', 'NO_SUCH_VIEW_KEY']);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('the environment variable NO_SUCH_VIEW_KEY is not set');
  });
});
