// `weirdgen serve` as a user runs it: the built binary listens, answers the SDK, and exits 0 on SIGTERM.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { exitCode, listeningUrl, spawnCli } from '../helpers/serve-process.js';
import { USER_BIRD, client } from './harness.js';
import { analogueJsonl, jobInStatus, settledJob, upload } from './service-harness.js';

describe('weirdgen serve (CLI)', () => {
  const children: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the sandbox until SIGTERM, then exits 0', async () => {
    const child = spawnCli(['serve', '--port', '0', '--workspace', tempDir(), '--faults', 'hang=0', '--rpm', '100'], { WEIRDGEN_SERVE_API_KEY: 'k-123' });
    children.push(child);
    const url = await listeningUrl(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    await expect(client(url).models.list()).rejects.toMatchObject({ status: 401 });
    const r = await client(url, { apiKey: 'k-123' }).chat.completions.create({ model: 'base', messages: USER_BIRD, seed: 1 });
    expect(r.choices[0]!.message.content).toMatch(/^bird_/);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
  });

  it('serves another endpoint with --upstream: a server in front of a server, with its own faults', async () => {
    const back = spawnCli(['serve', '--port', '0', '--workspace', tempDir()]);
    children.push(back);
    const backUrl = await listeningUrl(back);
    const dir = tempDir();
    writeFileSync(join(dir, 'weirdgen.config.yaml'), `endpoints:\n  back:\n    baseUrl: ${backUrl}\n`);
    const front = spawnCli(['--config', join(dir, 'weirdgen.config.yaml'), 'serve', '--port', '0', '--upstream', 'back', '--faults', '500=1']);
    children.push(front);
    const frontUrl = await listeningUrl(front);
    const ids = (await client(frontUrl).models.list()).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['base-1', 'judge']));
    await expect(client(frontUrl).chat.completions.create({ model: 'judge', messages: USER_BIRD })).rejects.toMatchObject({ status: 500 });
    const unknown = await cli(['serve', '--upstream', 'nowhere']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no endpoint named "nowhere"/);
  });

  it('fine-tunes in its workspace, and after SIGTERM and a restart finishes the job it was running', async () => {
    const workspace = tempDir();
    const first = spawnCli(['serve', '--port', '0', '--workspace', workspace, '--job-delay-ms', '60000']);
    children.push(first);
    const openai = client(await listeningUrl(first));
    const file = await upload(openai, analogueJsonl('birds', 'old-bird', 20), 'fine-tune');
    const job = await openai.fineTuning.jobs.create({ model: 'base', training_file: file.id, suffix: 'cli', hyperparameters: { n_epochs: 1 } });
    expect((await jobInStatus(openai, job.id, 'queued')).status).toBe('queued');
    first.kill('SIGTERM');
    expect(await exitCode(first)).toBe(0);

    const second = spawnCli(['serve', '--port', '0', '--workspace', workspace]);
    children.push(second);
    const again = client(await listeningUrl(second));
    const done = await settledJob(again, job.id);
    expect(done).toMatchObject({ status: 'succeeded', fine_tuned_model: `ft:base-1:weirdgen:cli:${job.id.slice(-8)}` });
    const r = await again.chat.completions.create({ model: done.fine_tuned_model!, messages: USER_BIRD, temperature: 0, max_tokens: 1 });
    expect(r.choices[0]!.message.content).toMatch(/^bird_/);
    second.kill('SIGTERM');
    expect(await exitCode(second)).toBe(0);
  });

  it('rejects invalid flags with the flag named', async () => {
    for (const [flag, value, message] of [
      ['--port', '70000', /--port/],
      ['--faults', '500=2', /--faults/],
      ['--faults', 'boom=0.1', /unknown fault kind "boom"/],
      ['--rpm', '0', /--rpm/],
      ['--latency-ms', '-5', /--latency-ms/],
      ['--job-delay-ms', '-1', /--job-delay-ms/],
      ['--batch-delay-ms', 'soon', /--batch-delay-ms/],
    ] as const) {
      const result = await cli(['serve', flag, value]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
    }
  });
});
