// What `runEvaluation` needs for a question file on the in-process sandbox, in a fresh workspace.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { priceTable } from '../../src/data/index.js';
import type { RunEvaluationOptions } from '../../src/eval/index.js';
import { Endpoints } from '../../src/providers/index.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from './paths.js';

export async function sandboxEval(spec: string): Promise<Omit<RunEvaluationOptions, 'groups'> & { close(): Promise<void> }> {
  const dir = tempDir();
  const specFile = join(dir, 'spec.yaml');
  writeFileSync(specFile, spec);
  const { config } = await loadConfig(undefined, dir);
  const store = openStore(join(dir, 'ws'));
  const endpoints = new Endpoints(config, {}, join(dir, 'ws'));
  return {
    store,
    endpoints,
    prices: priceTable(config.prices),
    specFile,
    async close() {
      store.close();
      await endpoints.close();
    },
  };
}
