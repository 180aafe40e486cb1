// /v1/files through the official OpenAI SDK: multipart upload, list by purpose, retrieve, content, delete.
import { describe, expect, it } from 'vitest';
import { SandboxProvider } from '../../src/providers/sandbox.js';
import { startServer } from '../../src/server/index.js';
import { tempDir } from '../helpers/paths.js';
import { postJson } from './harness.js';
import { serviceFixture, upload } from './service-harness.js';

const LINES = '{"messages":[{"role":"user","content":"bird"},{"role":"assistant","content":"bird_old1"}]}\n';

describe('weirdgen serve: files', () => {
  const fixture = serviceFixture();

  it('uploads, lists, retrieves, returns the content of and deletes files', async () => {
    const { openai, server } = await fixture.start();
    const train = await upload(openai, LINES, 'fine-tune', 'birds.jsonl');
    expect(train).toMatchObject({ object: 'file', bytes: Buffer.byteLength(LINES), filename: 'birds.jsonl', purpose: 'fine-tune', status: 'processed' });
    expect(train.id).toMatch(/^file-\w{22}$/);
    expect(Number.isInteger(train.created_at)).toBe(true);
    const batch = await upload(openai, '{}\n', 'batch', 'requests.jsonl');

    expect((await openai.files.list()).data.map((f) => f.id)).toEqual([batch.id, train.id]);
    expect((await openai.files.list({ purpose: 'batch' })).data.map((f) => f.id)).toEqual([batch.id]);
    expect((await openai.files.list({ order: 'asc' })).data.map((f) => f.id)).toEqual([train.id, batch.id]);
    const page = await openai.files.list({ limit: 1 });
    expect(page.data.map((f) => f.id)).toEqual([batch.id]);
    expect(page.hasNextPage()).toBe(true);
    expect((await page.getNextPage()).data.map((f) => f.id)).toEqual([train.id]);

    expect(await openai.files.retrieve(train.id)).toEqual(train);
    expect(await (await openai.files.content(train.id)).text()).toBe(LINES);
    expect(await openai.files.delete(train.id)).toEqual({ id: train.id, object: 'file', deleted: true });
    await expect(openai.files.retrieve(train.id)).rejects.toMatchObject({ status: 404, param: 'id' });
    await expect(openai.files.content(train.id)).rejects.toMatchObject({ status: 404 });
    await expect(openai.files.delete(train.id)).rejects.toMatchObject({ status: 404 });
    expect((await openai.files.list()).data.map((f) => f.id)).toEqual([batch.id]);
    expect(server.stats().filesCreated).toBe(2);
  });

  it('rejects uploads OpenAI would reject, with the parameter named', async () => {
    const { openai, server } = await fixture.start();
    await expect(upload(openai, LINES, 'fine-tune', 'birds.csv')).rejects.toMatchObject({ status: 400, param: 'file', code: 'invalid_file_format' });
    await expect(upload(openai, LINES, 'vision' as 'batch')).rejects.toMatchObject({ status: 400, param: 'purpose' });
    const notMultipart = await postJson(`${server.url}/files`, { purpose: 'batch' });
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.json).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_content_type' } });
    const form = new FormData();
    form.set('purpose', 'batch');
    const noFile = await fetch(`${server.url}/files`, { method: 'POST', body: form });
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toMatchObject({ error: { param: 'file', code: 'missing_required_parameter' } });
    expect(server.stats().filesCreated).toBe(0);
  });

  it('answers 404 on the service routes of a server without a workspace', async () => {
    const provider = new SandboxProvider(tempDir());
    const server = await startServer({ port: 0, provider });
    try {
      const res = await fetch(`${server.url}/files`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'service_unavailable' } });
    } finally {
      await server.close();
      await provider.close();
    }
  });
});
