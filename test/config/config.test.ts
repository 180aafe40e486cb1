// weirdgen.config.yaml: valid files load; every error names the file, line and key.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/util/errors.js';
import { tempDir } from '../helpers/paths.js';

function configDir(text: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'weirdgen.config.yaml'), text);
  return dir;
}

describe('config', () => {
  it('is optional', async () => {
    const { config, file } = await loadConfig(undefined, tempDir());
    expect(file).toBeUndefined();
    expect(config.endpoints).toEqual({});
  });

  it('loads endpoints, defaults, data and prices, resolving the mirror against the file', async () => {
    const dir = configDir(
      [
        'endpoints:',
        '  openai: { baseUrl: https://api.openai.com/v1, apiKeyEnv: OPENAI_API_KEY }',
        '  local:',
        '    baseUrl: http://127.0.0.1:8787/v1',
        'defaults: { baseModel: gpt-4.1-mini-2025-04-14, confirmAboveUsd: 5 }',
        'data: { mirror: ../mirror }',
        'prices: { gpt-4.1-2025-04-14: { training: 20 } }',
      ].join('\n'),
    );
    const { config } = await loadConfig(undefined, dir);
    expect(config.endpoints.openai).toEqual({ baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' });
    expect(config.defaults.confirmAboveUsd).toBe(5);
    expect(config.data.mirror).toBe(join(dir, '..', 'mirror'));
    expect(config.prices['gpt-4.1-2025-04-14']).toEqual({ training: 20 });
  });

  it.each([
    ['endpoints:\n  openai:\n    baseUrl: not a url\n', ':3:14: endpoints.openai.baseUrl: Invalid URL'],
    ['endpoints:\n  openai:\n    baseUrl: https://x.test/v1\n    apiKey: sk-secret\n', ':4:5: endpoints.openai.apiKey: unknown key "apiKey"'],
    ['defaults:\n  confirmAboveUsd: -1\n', ':2:20: defaults.confirmAboveUsd: Too small'],
    ['prices:\n  gpt-4.1: { training: cheap }\n', ':2:24: prices.gpt-4.1.training: Invalid input: expected number'],
    ['colour: teal\n', ':1:1: colour: unknown key "colour"'],
    ['endpoints: [\n', ':2:1: invalid YAML'],
  ])('rejects %j naming the place', async (text, expected) => {
    const dir = configDir(text);
    const error = await loadConfig(undefined, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${join(dir, 'weirdgen.config.yaml')}${expected}`);
  });

  it('does not echo a key value that was put in the file by mistake', async () => {
    const dir = configDir('endpoints:\n  openai:\n    baseUrl: https://x.test/v1\n    apiKey: sk-test-do-not-print\n');
    const error = await loadConfig(undefined, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('sk-test-do-not-print');
  });

  it('reads a file of comments only as an empty config', async () => {
    const { config } = await loadConfig(undefined, configDir('# nothing yet\n'));
    expect(config.prices).toEqual({});
  });

  it('insists that an explicit --config exists', async () => {
    await expect(loadConfig('nope.yaml', tempDir())).rejects.toThrow(/nope.yaml: config file not found/);
  });
});
