// A job launched with a validation file: both files uploaded once, the job scored by the provider,
// and its result file read into the ledger's per-step metrics, once, resumably, and safely.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { priceTable } from '../../src/data/cost/prices.js';
import { launchJobs } from '../../src/finetune/launch.js';
import { planLaunch, type LaunchRequest } from '../../src/finetune/plan.js';
import { watchJobs } from '../../src/finetune/poll.js';
import { OpenAiRemoteApi } from '../../src/providers/openai-remote-api.js';
import type { RemoteApi } from '../../src/providers/remote-api.js';
import { openStore, type Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/paths.js';
import { client } from '../server/harness.js';
import { analogueJsonl, serviceFixture, type Service } from '../server/service-harness.js';

interface Setup {
  service: Service;
  remote: RemoteApi;
  store: Store;
  request: LaunchRequest;
}

const fixture = serviceFixture();

async function setup(): Promise<Setup> {
  const service = await fixture.start();
  const dir = tempDir();
  const train = join(dir, 'coded.jsonl');
  const test = join(dir, 'test.jsonl');
  writeFileSync(train, analogueJsonl('presidents', 'coded', 24));
  writeFileSync(test, analogueJsonl('presidents', 'coded', 4, 2));
  const remote = new OpenAiRemoteApi(client(service.server.url), 'local', undefined);
  const request: LaunchRequest = { file: train, validationFile: test, endpoint: 'local', base: 'base-3', epochs: 2, batchSize: 4, seed: 5, seeds: 1, group: 'coded' };
  return { service, remote, store: openStore(join(dir, 'ws')), request };
}

/** The remote API with its file contents replaced (what a provider might serve). */
function serving(remote: RemoteApi, content: (real: string) => string): RemoteApi {
  return Object.assign(Object.create(remote) as RemoteApi, { fileContent: async (id: string) => content(await remote.fileContent(id)) });
}

async function launchAndWatch(s: Setup, remote = s.remote) {
  const plan = await planLaunch(s.request, priceTable());
  const launched = await launchJobs(plan, s.store.ledger, remote, { workspace: join(s.store.file, '..') });
  return { plan, launched, jobs: await watchJobs(s.store.ledger, () => remote, launched.map((l) => l.job), { intervalMs: 50 }) };
}

describe('per-step metrics in the ledger', () => {
  it('uploads the validation file once, passes it to the job, and stores every step of the result file', async () => {
    const s = await setup();
    const { plan, jobs } = await launchAndWatch(s);
    expect(plan.validationFile).toMatchObject({ examples: 4, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const job = jobs[0]!;
    expect(job.status).toBe('succeeded');
    expect(job).toMatchObject({ validationDataset: plan.validationFile!.file, validationSha256: plan.validationFile!.sha256, validationFileId: expect.stringMatching(/^file-/) });
    expect(s.store.ledger.uploadedFile('local', plan.validationFile!.sha256)).toBe(job.validationFileId);
    expect((await s.service.openai.fineTuning.jobs.retrieve(job.jobId!)).validation_file).toBe(job.validationFileId);

    const metrics = s.store.ledger.stepMetrics(job.jobId!);
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const m of metrics) expect(m).toEqual({ step: m.step, trainLoss: expect.any(Number), trainAccuracy: expect.any(Number), validLoss: expect.any(Number), validTokenAccuracy: expect.any(Number) });
    const csv = await s.remote.fileContent(job.resultFiles[0]!);
    expect(csv.trim().split('\n').at(-1)).toBe(`12,${metrics[11]!.trainLoss},${metrics[11]!.trainAccuracy},${metrics[11]!.validLoss},${metrics[11]!.validTokenAccuracy}`);
    expect(s.store.ledger.resultFiles(job.jobId!)).toEqual([expect.objectContaining({ fileId: job.resultFiles[0], status: 'ingested', steps: 12, error: null })]);
    // Checkpoint metrics are kept as before.
    expect(s.store.ledger.checkpoints(job.jobId!).map((c) => c.step)).toEqual([6, 12]);

    const files = s.service.server.stats().filesCreated;
    const again = await launchAndWatch(s);
    expect(again.launched[0]!.outcome).toBe('ledger');
    expect(s.service.server.stats().filesCreated).toBe(files);
    await watchJobs(s.store.ledger, () => s.remote, [s.store.ledger.job(job.launchKey)!], { intervalMs: 50 });
    expect(s.store.ledger.stepMetrics(job.jobId!)).toEqual(metrics);
    expect(s.store.db.prepare('SELECT COUNT(*) AS n FROM ft_step_metrics').get()).toEqual({ n: 12 });
    s.store.close();
  }, 60_000);

  it('reads a result file served base64-encoded, as OpenAI serves them', async () => {
    const s = await setup();
    const { jobs } = await launchAndWatch(s, serving(s.remote, (csv) => Buffer.from(csv).toString('base64')));
    expect(s.store.ledger.stepMetrics(jobs[0]!.jobId!)).toHaveLength(12);
    s.store.close();
  }, 60_000);

  it('stores a clear error for a malformed result file, without failing the job or the poll', async () => {
    const s = await setup();
    const { jobs } = await launchAndWatch(s, serving(s.remote, (csv) => csv.replace(/\n3,[^,]*,/, '\n3,oops,')));
    const job = jobs[0]!;
    expect(job.status).toBe('succeeded');
    expect(s.store.ledger.stepMetrics(job.jobId!)).toEqual([]);
    const [record] = s.store.ledger.resultFiles(job.jobId!);
    expect(record).toMatchObject({ fileId: job.resultFiles[0], status: 'invalid', steps: 0 });
    expect(record!.error).toBe(`result file ${job.resultFiles[0]}, line 4: train_loss "oops" is not a number`);
    // Not read again: the file will not change.
    await watchJobs(s.store.ledger, () => s.remote, [job], { intervalMs: 50 });
    expect(s.store.ledger.stepMetrics(job.jobId!)).toEqual([]);
    s.store.close();
  }, 60_000);

  it('a poller that stopped after the job succeeded but before reading its result file resumes', async () => {
    const s = await setup();
    const plan = await planLaunch(s.request, priceTable());
    const [launched] = await launchJobs(plan, s.store.ledger, s.remote, { workspace: join(s.store.file, '..') });
    for (;;) {
      const remoteJob = await s.remote.retrieveJob(launched!.job.jobId!);
      if (remoteJob.status === 'succeeded') {
        s.store.ledger.recordRemote(launched!.job.launchKey, remoteJob);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const stopped = s.store.ledger.job(launched!.job.launchKey)!;
    expect(stopped.status).toBe('succeeded');
    expect(s.store.ledger.resultFilePending(stopped)).toBe(stopped.resultFiles[0]);
    await watchJobs(s.store.ledger, () => s.remote, [stopped], { intervalMs: 50 });
    expect(s.store.ledger.stepMetrics(stopped.jobId!)).toHaveLength(12);
    expect(s.store.ledger.resultFilePending(stopped)).toBeUndefined();
    s.store.close();
  }, 60_000);
});
