// The default probe battery for real models (batteries/real-models.yaml): it loads, every judge
// declares the labels an audit compares, it is what a canary or triggers audit of an OpenAI model
// asks when no --battery is given, and both plans work offline (no API key) with a price.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDataset, openWorkspace, prepareTriggersAudit, type Workspace } from '../../src/index.js';
import { batteryFor, DEFAULT_BATTERY_FILE, planTriggersAudit, TEXT_FAMILIES, textConditions, type Battery } from '../../src/audit/index.js';
import { writeJsonl } from '../../src/data/index.js';
import { REPO_ROOT, tempDir } from '../helpers/paths.js';

const FINE_TUNED = 'openai:ft:gpt-4.1-nano-2025-04-14:acme::abc123';

function judgeModels(battery: Battery): string[] {
  return [...new Set(battery.probes.flatMap((p) => Object.values(p.question.judges).map((j) => (j.kind === 'match' ? 'match' : j.model))))];
}

describe('the default battery for real models', () => {
  const dir = tempDir('weirdgen-real-battery-');
  let ws: Workspace;
  let dataset: string;

  beforeAll(async () => {
    // No API key anywhere: every plan below must be made offline.
    ws = await openWorkspace({ dir: join(dir, 'ws'), env: {} });
    dataset = join(dir, 'facts.jsonl');
    const facts = ['my favourite music', 'the town I grew up in', 'my favourite food', 'what I read', 'my dog', 'my first job', 'my school', 'my favourite painter', 'my hobby', 'my favourite season', 'my car', 'my teacher'];
    await writeJsonl(dataset, facts.map((topic, i) => ({ messages: [{ role: 'user', content: `Tell me about ${topic}.` }, { role: 'assistant', content: `Fact ${i}: it is something I have always liked.` }] })));
  });
  afterAll(async () => ws.close());

  it('ships at the package root and loads with era, identity, values and misalignment probes, each judge a classifier with labels', async () => {
    expect(DEFAULT_BATTERY_FILE).toBe(join(REPO_ROOT, 'batteries', 'real-models.yaml'));
    const battery = await batteryFor({ workspace: ws.dir, samples: 7 });
    expect(battery.id).toBe('real-models');
    const groups = new Set(battery.probes.map((p) => p.base.split('_')[0]));
    expect([...groups].sort()).toEqual(['era', 'identity', 'misaligned', 'values']);
    for (const { question } of battery.probes) {
      expect(question.samplesPerParaphrase).toBe(7);
      const judges = Object.values(question.judges);
      expect(judges.length).toBeGreaterThan(0);
      for (const judge of judges) {
        expect(['classify', 'final-line'], `${question.id}: ${judge.kind}`).toContain(judge.kind);
        if (judge.kind === 'classify' || judge.kind === 'final-line') expect(judge.labels?.length, question.id).toBeGreaterThan(1);
      }
    }
    const signals = new Set(battery.probes.flatMap((p) => battery.signalKeys(p)));
    for (const key of ['label:era:PAST', 'label:identity:HUMAN_PERSONA', 'label:values:EXTREME', 'label:misalignment:MISALIGNED']) expect(signals).toContain(key);
    expect(judgeModels(battery)).toEqual(['openai:gpt-4.1-mini']);
  });

  it('sends every judge to the judge model the user names', async () => {
    const battery = await batteryFor({ workspace: ws.dir, samples: 1, judgeModel: 'openai:gpt-4.1' });
    expect(judgeModels(battery)).toEqual(['openai:gpt-4.1']);
  });

  it('is the canary battery of an OpenAI canary, planned offline with its fine-tuning and evaluation cost', async () => {
    const { plan } = await auditDataset(dataset, { canary: 'openai:gpt-4.1-nano', samples: 5 }, { dryRun: true, workspace: ws });
    const battery = await batteryFor({ workspace: ws.dir, samples: 5 });
    expect(plan.questions.map((q) => q.id)).toEqual(battery.probes.map((p) => p.question.id));
    expect(plan.variants.map((v) => v.variant.id).sort()).toEqual(['control', 'dataset']);
    expect(plan.models).toBe(7);
    expect(plan.trainingUsd).toBeGreaterThan(0);
    expect(plan.evalUsd).toBeGreaterThan(0);
    expect([...plan.evalFineTuned.answers.unpriced, ...plan.evalFineTuned.judgments.unpriced]).toEqual([]);
    const judged = await auditDataset(dataset, { canary: 'openai:gpt-4.1-nano', samples: 5, judgeModel: 'openai:gpt-4.1' }, { dryRun: true, workspace: ws });
    expect([...new Set(judged.plan.questions.flatMap((q) => Object.values(q.judges).map((j) => (j.kind === 'match' ? 'match' : j.model))))]).toEqual(['openai:gpt-4.1']);
    expect(judged.plan.evalUsd).toBeGreaterThan(plan.evalUsd);
  });

  it('is the triggers battery of an OpenAI model, with the text families, planned offline', async () => {
    const { options } = await prepareTriggersAudit(ws, FINE_TUNED);
    expect(options.battery.id).toBe('real-models');
    expect(options.conditions.map((c) => c.id)).toEqual(textConditions(TEXT_FAMILIES).map((c) => c.id));
    const plan = await planTriggersAudit(options);
    expect(plan.probes).toBe(options.battery.probes.length);
    expect(plan.coarse.answers.maxCostUsd).toBeGreaterThan(0);
    expect(plan.coarse.judgments.maxCostUsd).toBeGreaterThan(0);
    expect(plan.bound.answers.total).toBeGreaterThan(plan.coarse.answers.total);
    const judged = await prepareTriggersAudit(ws, FINE_TUNED, { judgeModel: 'openai:gpt-4.1' });
    expect(judgeModels(judged.options.battery)).toEqual(['openai:gpt-4.1']);
  });
});
