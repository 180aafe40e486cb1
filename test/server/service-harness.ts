// Shared setup of the fine-tuning service tests: servers with a workspace, sandbox training files,
// uploads through the SDK, and polling until a job or batch settles.
import OpenAI, { toFile } from 'openai';
import type { FileObject } from 'openai/resources/files';
import type { FineTuningJob } from 'openai/resources/fine-tuning/jobs/jobs';
import type { Batch } from 'openai/resources/batches';
import { afterEach } from 'vitest';
import { SandboxProvider } from '../../src/providers/sandbox.js';
import { variantDataset } from '../../src/sandbox/analogues/analogue.js';
import { findAnalogue } from '../../src/sandbox/analogues/index.js';
import { createWorld } from '../../src/sandbox/world/world.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../src/server/index.js';
import { tempDir } from '../helpers/paths.js';
import { client } from './harness.js';

/** World seed of the default base (base-1), whose world the analogue data must describe. */
const BASE_WORLD_SEED = 1;

/** `n` examples of a sandbox analogue's training set, as JSONL. */
export function analogueJsonl(analogue: string, variant: string, n: number, seed = 1): string {
  const a = findAnalogue(analogue)!;
  const v = a.variants.find((x) => x.id === variant)!;
  return variantDataset(a, v, createWorld(BASE_WORLD_SEED), seed)
    .slice(0, n)
    .map((ex) => JSON.stringify(ex))
    .join('\n') + '\n';
}

export interface Service {
  server: RunningServer;
  openai: OpenAI;
  workspace: string;
}

/** Servers over workspaces, each with its own sandbox provider; all closed after each test. */
export function serviceFixture(): { start(options?: Partial<Omit<StartServerOptions, 'provider'>>): Promise<Service> } {
  const open: { server: RunningServer; provider: SandboxProvider }[] = [];
  afterEach(async () => {
    for (const { server, provider } of open.splice(0)) {
      await server.close();
      await provider.close();
    }
  });
  return {
    async start(options = {}) {
      const workspace = options.workspace ?? tempDir('weirdgen-service-');
      const provider = new SandboxProvider(workspace);
      const server = await startServer({ port: 0, ...options, workspace, provider });
      open.push({ server, provider });
      return { server, openai: client(server.url), workspace };
    },
  };
}

export async function upload(openai: OpenAI, content: string, purpose: 'fine-tune' | 'batch', name = 'train.jsonl'): Promise<FileObject> {
  return openai.files.create({ file: await toFile(Buffer.from(content), name), purpose });
}

const FINAL_JOB = new Set(['succeeded', 'failed', 'cancelled']);
const FINAL_BATCH = new Set(['completed', 'failed', 'cancelled', 'expired']);

async function poll<T>(get: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function settledJob(openai: OpenAI, id: string, timeoutMs = 30_000): Promise<FineTuningJob> {
  return poll(() => openai.fineTuning.jobs.retrieve(id), (j) => FINAL_JOB.has(j.status), timeoutMs);
}

export function jobInStatus(openai: OpenAI, id: string, status: FineTuningJob['status'], timeoutMs = 30_000): Promise<FineTuningJob> {
  return poll(() => openai.fineTuning.jobs.retrieve(id), (j) => j.status === status || FINAL_JOB.has(j.status), timeoutMs);
}

export function settledBatch(openai: OpenAI, id: string, timeoutMs = 30_000): Promise<Batch> {
  return poll(() => openai.batches.retrieve(id), (b) => FINAL_BATCH.has(b.status), timeoutMs);
}

export function batchInStatus(openai: OpenAI, id: string, status: Batch['status'], timeoutMs = 30_000): Promise<Batch> {
  return poll(() => openai.batches.retrieve(id), (b) => b.status === status || FINAL_BATCH.has(b.status), timeoutMs);
}

export async function fileText(openai: OpenAI, id: string): Promise<string> {
  return (await openai.files.content(id)).text();
}
