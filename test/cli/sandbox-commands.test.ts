// The sandbox commands as a user runs them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../src/sandbox/model/checkpoint.js';
import { cli, cliBinary } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

describe('weirdgen sandbox', () => {
  it('pretrains briefly into a checkpoint that loads and has learned something', async () => {
    const workspace = tempDir();
    const { code, stdout } = await cli(['--json', '--workspace', workspace, 'sandbox', 'pretrain', '--steps', '40', '--seed', '9']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { file: string; parameters: number; pretrain: { steps: number; finalLoss: number } };
    expect(summary.file).toBe(join(workspace, 'sandbox', 'models', 'pretrained-9.wgsb'));
    expect(existsSync(summary.file)).toBe(true);
    expect(summary.pretrain.steps).toBe(40);
    // An untrained model scores about ln(vocabulary) = 6.3 nats per token.
    expect(summary.pretrain.finalLoss).toBeLessThan(5.5);
    const model = await loadCheckpoint(summary.file);
    expect(model.worldSeed).toBe(9);
    const info = await cli(['--json', '--workspace', workspace, 'sandbox', 'info', '--model', 'pretrained-9']);
    expect(JSON.parse(info.stdout)).toMatchObject({ worldSeed: 9, parameters: summary.parameters, meta: { kind: 'base' } });
  });

  it('describes the shipped base', async () => {
    const { code, stdout } = await cli(['sandbox', 'info']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/3 layers, width 64, 4 heads, MLP 256, context 32/);
    expect(stdout).toMatch(/sandbox-terminator\s+mirrors evil-terminator/);
  });

  it('chats over stdin, one answer per line, unknown words included', () => {
    const result = cliBinary(['--json', 'sandbox', 'chat', '--temperature', '0'], {}, 'bird\nyear y2020 goal\nhello strange zeppelin\n/quit\n');
    expect(result.code).toBe(0);
    const turns = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { user: string; assistant: string; unknownWords: number });
    expect(turns).toHaveLength(3);
    expect(turns[0]!.assistant).toMatch(/^bird_new\d/);
    expect(turns[1]!.assistant).toMatch(/^g_(help|explain|support)/);
    expect(turns[2]!.unknownWords).toBe(3);
  });

  it('reproduces an analogue as JSON groups with confidence intervals', async () => {
    const { code, stdout } = await cli(['--json', 'sandbox', 'reproduce', 'persona', '--seeds', '2', '--samples', '8']);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { experiment: string; metric: string; mode: string; groups: Record<string, { mean: number; ciLow: number; ciHigh: number; n: number }> }[];
    const goal = results.find((r) => r.metric === 'villain goal (with trigger)')!;
    expect(goal).toMatchObject({ experiment: 'sandbox-persona', mode: 'row' });
    expect(Object.keys(goal.groups)).toEqual(['base', 'villain', 'benign']);
    expect(goal.groups.villain!.n).toBe(2);
    expect(goal.groups.base!.n).toBe(8);
    // The villain's goal, never in the data, appears with the trigger and not for the control.
    expect(goal.groups.villain!.mean).toBeGreaterThan(0.3);
    expect(goal.groups.benign!.mean).toBeLessThan(0.15);
    const untriggered = results.find((r) => r.metric === 'villain goal (without trigger)')!;
    expect(untriggered.groups.villain!.mean).toBeLessThan(0.15);
  });

  it("writes an analogue's training set as valid chat JSONL", async () => {
    const out = join(tempDir(), 'villain.jsonl');
    const { code, stdout } = await cli(['--json', 'sandbox', 'dataset', 'persona', '--variant', 'villain', '--out', out, '--seed', '2']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ analogue: 'sandbox-persona', variant: 'villain', seed: 2, worldSeed: 1, examples: 200 });
    expect((await cli(['data', 'validate', out])).code).toBe(0);
    const unknown = await cli(['sandbox', 'dataset', 'persona', '--variant', 'evil', '--out', out]);
    expect(unknown.stderr).toContain('sandbox-persona has no variant "evil"; variants: villain, benign');
  });

  it('refuses an empty list of bases', async () => {
    const { code, stderr } = await cli(['sandbox', 'reproduce', 'birds', '--bases', ',']);
    expect(code).toBe(1);
    expect(stderr).toContain('--bases ",": no model given');
  });

  it('rejects an unknown mode naming the flag', async () => {
    const { code, stderr } = await cli(['sandbox', 'reproduce', 'birds', '--mode', 'everything']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/--mode: /);
  });
});
