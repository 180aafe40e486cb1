// A stage's calls come a chunk at a time, and the same call may come again in a later chunk (equal
// answers make equal judge calls): it is asked once, whether the first asking succeeded or failed.
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config.js';
import { priceTable } from '../../src/data/index.js';
import { Caller } from '../../src/eval/calls/caller.js';
import { executeCalls } from '../../src/eval/execute.js';
import { plannedCall } from '../../src/eval/plan.js';
import { DEFAULT_RETRY_POLICY, Endpoints } from '../../src/providers/index.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../helpers/paths.js';
import { spawnServe } from '../helpers/serve-process.js';

describe('executeCalls with repeated calls', () => {
  it.each([
    ['answers', []],
    ['fails', ['--faults', '500=1']],
  ] as const)('asks a call that %s once, however often and in however many chunks it comes', async (_outcome, faults) => {
    const serve = await spawnServe([...faults]);
    const workspace = tempDir();
    const endpoints = new Endpoints(configSchema.parse({ endpoints: { test: { baseUrl: serve.url } } }), {}, workspace);
    const store = openStore(workspace);
    try {
      const model = endpoints.resolve('test:judge');
      const call = plannedCall(model.capabilities, { endpoint: 'test', model: 'judge', messages: [{ role: 'user', content: 'q bird' }], temperature: 0, max_tokens: 4, sampleIx: 0 });
      const repeated = Array.from({ length: 3000 }, () => call);
      const caller = new Caller({ policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 }, limits: () => ({ concurrency: 1 }) });
      const result = await executeCalls(repeated, repeated.length, { stage: 'judgments', providerFor: (e) => endpoints.provider(e), cache: store.judgments, caller, prices: priceTable(), window: 1 });
      expect(result.called + result.failed).toBe(1);
      expect(result.repeats).toBe(2999);
      expect((await serve.stats()).requests).toBe(1);
    } finally {
      store.close();
      await endpoints.close();
      await serve.stop();
    }
  }, 60_000);
});
