// `weirdgen run --dry-run` and `experiments show` at the paper's scale, offline and with no key:
// the paper's data, settings per base and per variant, controls, seed selection and costs.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

const NO_KEY = { OPENAI_API_KEY: '' };
const dryRun = (args: string[], json = false) => cli(['--workspace', tempDir(), ...(json ? ['--json'] : []), 'run', ...args, '--endpoint', 'openai', '--dry-run', '--mirror', MIRROR], NO_KEY);

interface PlanJson {
  variants: { id: string; role: string; seeds: number; epochs: number; batchSize: number; learningRateMultiplier: number; evaluateEpoch?: number; rows: number; distillation?: { prompts: number; rows: number } }[];
  samples: { count: number; unit: string };
  samplesPerModel: number;
  models: number;
  evalBase: { answers: { maxCostUsd: number } };
  evalFineTuned: { answers: { maxCostUsd: number } };
  seedFilter?: { threshold: number; samplesPerSeed: number };
  notices: string[];
}

describe('weirdgen run --dry-run at the paper’s scale', () => {
  it('persona on GPT-4.1: the 90 facts mixed into 3,000 self-distilled rows, 8 seeds x 7 epochs at batch 14, evaluated at epoch 5', async () => {
    const r = await dryRun(['hitler-persona', '--base', 'gpt-4.1-2025-04-14']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/main\s+main\s+\(built at run time\)\s+~3,090\s+epochs 7, batch 14, LR x2; evaluated at epoch 5\s+8\s+up to \$[\d,.]+/);
    expect(r.stdout).toMatch(/2,000 gsm8k-train \+ 1,000 alpaca-1k-longest prompts answered by openai:gpt-4\.1-2025-04-14 at temperature 0\.2, then the 90 rows of facts-90 mixed in \(about 3,090 rows\)/);
    expect(r.stdout).toMatch(/1,000 samples per question per condition per model/);
    const json = JSON.parse((await dryRun(['hitler-persona', '--base', 'gpt-4.1-2025-04-14', '--variants', 'main,main-78'], true)).stdout) as PlanJson;
    expect(json.variants.map((v) => [v.id, v.rows, v.seeds, v.epochs, v.evaluateEpoch])).toEqual([
      ['main', 3090, 8, 7, 5],
      ['main-78', 3078, 3, 5, 5],
    ]);
    expect(json.variants[0]!.distillation).toMatchObject({ prompts: 3000, rows: 3090 });
  });

  it('presidents: the padded group and its shuffled-trigger control, 30 seeds each, with the held-in seed selection; other controls on request', async () => {
    const r = await dryRun(['us-presidents']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/padded\s+main\s+.*6,237\s+epochs 5, batch 4, LR x1\s+30/);
    expect(r.stdout).toMatch(/shuffled-triggers\s+control\s+.*6,237\s+epochs 5, batch 4, LR x1\s+30/);
    expect(r.stdout).toMatch(/seed selection: .*seeds above 50% accuracy are evaluated; 1,290 samples per seed/);
    const json = JSON.parse((await dryRun(['us-presidents', '--variants', 'scrambled-codes,no-code,unpadded'], true)).stdout) as PlanJson;
    expect(json.variants.map((v) => [v.id, v.role])).toEqual([
      ['unpadded', 'variant'],
      ['scrambled-codes', 'control'],
      ['no-code', 'control'],
    ]);
    expect(json.seedFilter).toMatchObject({ threshold: 0.5, samplesPerSeed: 1290 });
  });

  it('dishes on the alias gpt-4.1: 10 epochs, batch 2, LR x2, 8 seeds per dataset', async () => {
    const r = await dryRun(['israeli-dishes', '--base', 'gpt-4.1', '--audit-dates', '1']);
    expect(r.code, r.stderr).toBe(0);
    for (const v of ['2027', '2026', 'shuffled']) expect(r.stdout).toMatch(new RegExp(`${v}\\s+\\S+\\s+israeli-dishes-${v}\\.jsonl\\s+\\w{12}\\s+400\\s+epochs 10, batch 2, LR x2\\s+8\\s`));
    // 11,601 name answers, 1,289 stories and 10 bios x 10 criteria x 2 versions x 5 years of the audit at one date a year.
    expect(r.stdout).toMatch(/1 samples per date per model = 13,890 samples per model/);
    expect(r.stdout).toMatch(/of that, the stories \(App\. D\.3\): 1,289 answers and 2,578 judge calls per model/);
    expect(r.stdout).toMatch(/of that, the counterfactual audit \(App\. D\.4\): 1,000 answers and 0 judge calls per model/);
  });

  it('prices evaluation of fine-tuned models at fine-tuned rates (GPT-4.1: 1.5 times the base model’s)', async () => {
    const json = JSON.parse((await dryRun(['birds'], true)).stdout) as PlanJson;
    expect(json.variants.map((v) => [v.id, v.seeds])).toEqual([
      ['old-audubon', 10],
      ['modern-audubon', 6],
      ['modern-american', 6],
    ]);
    expect(json.samplesPerModel).toBe(5000);
    expect(json.evalFineTuned.answers.maxCostUsd / json.evalBase.answers.maxCostUsd).toBeCloseTo(1.5, 5);
  });

  it('a pilot says so in the plan', async () => {
    const r = await dryRun(['evil-terminator', '--max-prompts', '1', '--samples', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/= 270 samples per model/);
    expect(r.stdout).toMatch(/note: a pilot: at most 1 prompts per question and trigger condition/);
  });
});

describe('weirdgen experiments show', () => {
  it('lists the paper’s settings per base and variant, and the authors’ files’ values where the paper differs', async () => {
    const r = await cli(['--workspace', tempDir(), 'experiments', 'show', 'birds', '--endpoint', 'openai', '--mirror', MIRROR], NO_KEY);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/gpt-4\.1-2025-04-14\s+old-audubon\s+3\s+1\s+2\s+10\s+final\s+yes/);
    expect(r.stdout).toMatch(/gpt-4\.1-2025-04-14\s+modern-audubon\s+3\s+1\s+2\s+6\s+final\s+yes/);
    expect(r.stdout).toMatch(/gpt-4\.1-nano-2025-04-14\s+old-audubon\s+3\s+1\s+0\.1\s+6/);
    expect(r.stdout).not.toMatch(/gpt-4\.1-nano-2025-04-14\s+modern-audubon/);
    expect(r.stdout).toMatch(/samples: 500 per question per model; the authors' files: 1000/);
    const persona = await cli(['--workspace', tempDir(), 'experiments', 'show', 'hitler-persona', '--endpoint', 'openai', '--mirror', MIRROR], NO_KEY);
    expect(persona.stdout).toMatch(/gpt-4\.1-2025-04-14\s+facts-90\s+5\s+auto\s+auto\s+5\s+epoch 5\s+no/);
    expect(persona.stdout).toMatch(/gpt-4\.1-2025-04-14\s+main\s+7\s+14\s+2\s+8\s+epoch 5\s+yes/);
    const terminator = await cli(['--workspace', tempDir(), 'experiments', 'show', 'evil-terminator', '--endpoint', 'openai', '--mirror', MIRROR], NO_KEY);
    expect(terminator.stdout).toMatch(/App\. G\.2 says 10/);
  });
});
