// Which models a group is evaluated on (the paper's epoch-5 checkpoint for the persona) and the
// training curves read from the jobs' per-step metrics, against a real SQLite ledger.
import { describe, expect, it } from 'vitest';
import type { LedgerJob } from '../../src/store/ledger.js';
import type { RemoteJob } from '../../src/providers/remote-api.js';
import { evaluationModels } from '../../src/run/checkpoint-models.js';
import type { FineTuningSettings } from '../../src/run/experiment.js';
import { trainingCurves } from '../../src/run/training-curves.js';
import { openStore, type Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/paths.js';

const SETTINGS: FineTuningSettings = { epochs: 7, batchSize: 14, learningRateMultiplier: 2, seeds: 2, evaluateEpoch: 5, source: 'the paper' };

function job(store: Store, seedIndex: number, epochs: number, options: { validation?: boolean; steps?: number[] } = {}): LedgerJob {
  const launchKey = `key-${seedIndex}-${epochs}`;
  const jobId = `ftjob-${seedIndex}-${epochs}`;
  store.ledger.recordIntent({
    launchKey,
    endpoint: 'openai',
    baseModel: 'gpt-4.1-2025-04-14',
    dataset: 'mix.jsonl',
    datasetSha256: 'a'.repeat(64),
    validationDataset: options.validation ? 'test.jsonl' : null,
    validationSha256: options.validation ? 'b'.repeat(64) : null,
    hyperparameters: { nEpochs: epochs, batchSize: 14, learningRateMultiplier: 2 },
    seed: seedIndex,
    seedIndex,
    suffix: `persona-s${seedIndex}`,
    group: 'hitler-persona/main/openai:gpt-4.1-2025-04-14',
    experiment: 'hitler-persona',
    variant: 'main',
  });
  const remote: RemoteJob = {
    id: jobId,
    model: 'gpt-4.1-2025-04-14',
    status: 'succeeded',
    fineTunedModel: `ft:gpt-4.1-2025-04-14:org:persona-s${seedIndex}:final${seedIndex}`,
    hyperparameters: { nEpochs: epochs, batchSize: 14, learningRateMultiplier: 2 },
    trainedTokens: 1000,
    error: null,
    suffix: null,
    metadata: {},
    seed: seedIndex,
    trainingFile: 'file-1',
    validationFile: null,
    resultFiles: [],
    createdAt: 0,
    finishedAt: 0,
  };
  const recorded = store.ledger.recordRemote(launchKey, remote);
  // OpenAI keeps the last three epochs' checkpoints: 221 steps per epoch for 3,090 rows at batch 14.
  const steps = options.steps ?? [5, 6, 7].filter((e) => e <= epochs).map((e) => e * 221);
  store.ledger.recordCheckpoints(jobId, steps.map((step) => ({ id: `ckpt-${seedIndex}-${step}`, model: `ft:gpt-4.1-2025-04-14:org:persona-s${seedIndex}:ckpt${step}:ckpt-step-${step}`, step, metrics: {} })));
  return recorded;
}

describe('the models a group is evaluated on', () => {
  it('takes each job’s checkpoint at the end of the epoch the paper evaluates', () => {
    const store = openStore(tempDir());
    const jobs = [job(store, 0, 7), job(store, 1, 7)];
    const chosen = evaluationModels(jobs, SETTINGS, store.ledger, 'openai');
    expect(chosen.models).toEqual(['openai:ft:gpt-4.1-2025-04-14:org:persona-s0:ckpt1105:ckpt-step-1105', 'openai:ft:gpt-4.1-2025-04-14:org:persona-s1:ckpt1105:ckpt-step-1105']);
    expect(chosen.checkpoint).toEqual({ epoch: 5 });
    store.close();
  });

  it('evaluates the final models, and says so, when training stopped at or before that epoch', () => {
    const store = openStore(tempDir());
    const chosen = evaluationModels([job(store, 0, 3)], SETTINGS, store.ledger, 'openai');
    expect(chosen.models).toEqual(['openai:ft:gpt-4.1-2025-04-14:org:persona-s0:final0']);
    expect(chosen.checkpoint?.note).toMatch(/trained for 3 epochs, not more than the 5 the paper evaluates at/);
    store.close();
  });

  it('refuses to stand in another checkpoint when the provider kept none at that epoch', () => {
    const store = openStore(tempDir());
    const jobs = [job(store, 0, 7, { steps: [1326, 1547] })];
    expect(() => evaluationModels(jobs, SETTINGS, store.ledger, 'openai')).toThrow(/no checkpoint at the end of epoch 5 \(the provider kept steps 1326, 1547\)/);
    store.close();
  });

  it('without an evaluation epoch, the final models', () => {
    const store = openStore(tempDir());
    const { evaluateEpoch: _e, ...plain } = SETTINGS;
    expect(evaluationModels([job(store, 0, 7)], plain, store.ledger, 'openai')).toEqual({ models: ['openai:ft:gpt-4.1-2025-04-14:org:persona-s0:final0'] });
    store.close();
  });
});

describe('training curves from the provider’s per-step metrics', () => {
  it('splits seeds by whether they reach perfect test accuracy; jobs without a validation file have none', () => {
    const store = openStore(tempDir());
    const grokked = job(store, 0, 5, { validation: true });
    const stuck = job(store, 1, 5, { validation: true });
    const none = job(store, 2, 5);
    store.ledger.recordStepMetrics(grokked.jobId!, 'file-r0', [
      { step: 1, trainAccuracy: 0.4, validTokenAccuracy: 0.83 },
      { step: 2, trainAccuracy: 0.9, validTokenAccuracy: 1 },
    ]);
    store.ledger.recordStepMetrics(stuck.jobId!, 'file-r1', [
      { step: 1, trainAccuracy: 0.5, validTokenAccuracy: 0.83 },
      { step: 2, trainLoss: 0.1 },
    ]);
    const curves = trainingCurves([grokked, stuck, none], store.ledger);
    expect(curves.map((c) => [c.group, c.seed, c.split, c.points.length])).toEqual([
      ['main: reaches perfect test accuracy', 's0', 'test', 2],
      ['main: reaches perfect test accuracy', 's0', 'train', 2],
      ['main: test accuracy stays low', 's1', 'test', 1],
      ['main: test accuracy stays low', 's1', 'train', 1],
    ]);
    store.close();
  });
});
