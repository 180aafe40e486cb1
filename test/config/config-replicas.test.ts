// Pooled endpoints in weirdgen.config.yaml: replicas load with their own keys and limits, and the
// endpoint's limits default to their sum; mistakes name the file, line and key.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { Endpoints } from '../../src/providers/index.js';
import { ConfigError } from '../../src/util/errors.js';
import { tempDir } from '../helpers/paths.js';

function configDir(text: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'weirdgen.config.yaml'), text);
  return dir;
}

const POOL = [
  'endpoints:',
  '  vllm:',
  '    apiKeyEnv: POOL_KEY',
  '    replicas:',
  '      - { baseUrl: "http://10.0.0.1:8000/v1", concurrency: 16, rpm: 600 }',
  '      - { baseUrl: "http://10.0.0.2:8000/v1", apiKeyEnv: OTHER_KEY, concurrency: 8, rpm: 300 }',
  '      - { baseUrl: "http://10.0.0.3:8000/v1" }',
].join('\n');

describe('pooled endpoints in the config', () => {
  it('load with each replica its own; the endpoint sees their total concurrency, and rates only when every replica has one', async () => {
    const { config } = await loadConfig(undefined, configDir(POOL));
    expect(config.endpoints.vllm?.replicas?.map((r) => r.baseUrl)).toEqual(['http://10.0.0.1:8000/v1', 'http://10.0.0.2:8000/v1', 'http://10.0.0.3:8000/v1']);
    expect(config.endpoints.vllm?.replicas?.[1]?.apiKeyEnv).toBe('OTHER_KEY');
    const endpoints = new Endpoints(config, { POOL_KEY: 'k1', OTHER_KEY: 'k2' }, tempDir());
    expect(endpoints.limits('vllm')).toEqual({ concurrency: 16 + 8 + 32 });
    expect(endpoints.limits('vllm', { concurrency: 4 })).toEqual({ concurrency: 4 });
    expect(endpoints.resolve('vllm:llama').id).toBe('vllm:llama');
    const two = await loadConfig(undefined, configDir('endpoints:\n  p:\n    replicas: [{ baseUrl: "http://a.test/v1", rpm: 60, tpm: 1000 }, { baseUrl: "http://b.test/v1", rpm: 40, tpm: 500 }]\n'));
    expect(new Endpoints(two.config, {}, tempDir()).limits('p')).toEqual({ concurrency: 64, rpm: 100, tpm: 1500 });
  });

  it('a replica whose key variable is unset is an error naming the variable and the replica, never a key', async () => {
    const { config } = await loadConfig(undefined, configDir(POOL));
    const endpoints = new Endpoints(config, { POOL_KEY: 'k1' }, tempDir());
    expect(() => endpoints.provider('vllm')).toThrow(/endpoint "vllm" needs an API key: set the environment variable OTHER_KEY \(replica http:\/\/10\.0\.0\.2:8000\/v1\)/);
  });

  it.each([
    ['endpoints:\n  p:\n    replicas:\n      - { baseUrl: nope }\n', ':4:20: endpoints.p.replicas[0].baseUrl: Invalid URL'],
    ['endpoints:\n  p:\n    replicas:\n      - baseUrl: http://a.test/v1\n        apiKey: sk-x\n', ':5:9: endpoints.p.replicas[0].apiKey: unknown key "apiKey"'],
    ['endpoints:\n  p:\n    replicas:\n      - { baseUrl: "http://a.test/v1", concurrency: 0 }\n', ':4:53: endpoints.p.replicas[0].concurrency: Too small'],
    ['endpoints:\n  p:\n    replicas: []\n', ':3:15: endpoints.p.replicas: Too small'],
    ['endpoints:\n  p:\n    baseUrl: http://a.test/v1\n    replicas: [{ baseUrl: "http://b.test/v1" }]\n', ':3:5: endpoints.p: give either baseUrl or replicas'],
    ['endpoints:\n  p:\n    logprobs: false\n', ':3:5: endpoints.p: give either baseUrl or replicas'],
  ])('rejects %j naming the place', async (text, expected) => {
    const dir = configDir(text);
    const error = await loadConfig(undefined, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${join(dir, 'weirdgen.config.yaml')}${expected}`);
  });
});
