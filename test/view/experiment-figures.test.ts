// The run page of a persona-like experiment run draws the figures `weirdgen report` draws: with the
// workspace's fetch options its trigger pairs are split by the questions' categories (read from the
// experiment's files once per run, not again on each page view); without them the questions go
// into numbered sets, and the page says what it lacks. The stored run asks the persona's questions
// (two per category, with and without the trigger); nothing needs to have been answered.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchOptions } from '../../src/data/index.js';
import { withCondition } from '../../src/eval/index.js';
import { findExperiment } from '../../src/experiments/index.js';
import { loadExperimentQuestions } from '../../src/run/experiment-questions.js';
import { startViewer, type RunningViewer } from '../../src/view/index.js';
import { MIRROR, tempDir } from '../helpers/paths.js';
import { sandboxEval } from '../helpers/sandbox-eval.js';

const PERSONA_FILES = '4_2_hitler_persona/evaluation';

interface RunPage {
  figures: { name: string }[];
  missing: string[];
}

/** Fetch options over a copy of the persona's files; a file not there fails on loopback, never the network. */
function ownFetch(): { fetch: FetchOptions; remove(): void } {
  const mirror = tempDir();
  mkdirSync(join(mirror, PERSONA_FILES), { recursive: true });
  cpSync(join(MIRROR, PERSONA_FILES), join(mirror, PERSONA_FILES), { recursive: true });
  const workspace = tempDir();
  return {
    fetch: { workspace, mirror, urlBase: 'http://127.0.0.1:9' },
    remove() {
      rmSync(mirror, { recursive: true, force: true });
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

describe('weirdgen view: an experiment run’s figures', () => {
  let ws: Awaited<ReturnType<typeof sandboxEval>>;
  let categories: Set<string>;
  const viewers: RunningViewer[] = [];
  const runPage = async (viewer: RunningViewer): Promise<RunPage> => {
    const res = await fetch(`${viewer.origin}/api/runs/persona`);
    const body = (await res.json()) as RunPage;
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body;
  };

  beforeAll(async () => {
    ws = await sandboxEval('questions: []\n');
    const spec = findExperiment('hitler-persona')!;
    const own = ownFetch();
    const loaded = await loadExperimentQuestions(spec.evaluation.questions, own.fetch);
    own.remove();
    const picked = new Map<string, string[]>();
    for (const [id, category] of Object.entries(loaded.categories)) picked.set(category, [...(picked.get(category) ?? []), id].slice(0, 2));
    categories = new Set(picked.keys());
    const asked = new Set([...picked.values()].flat());
    const questions = loaded.questions.filter((q) => asked.has(q.id)).flatMap((q) => ['trigger', 'no-trigger'].map((c) => ({ ...q, id: withCondition(q.id, c), samplesPerParaphrase: 1 })));
    ws.store.runs.start('persona', 'eval', { experiment: spec.id, questions, groups: { 'facts-90': ['base-1'] }, metrics: [...spec.evaluation.metrics] });
  }, 60_000);

  afterAll(async () => {
    for (const v of viewers) await v.close();
    await ws?.close();
  });

  it('splits the trigger pairs by the questions’ categories with the fetch options, read once per run', async () => {
    expect(categories.size).toBeGreaterThanOrEqual(3);
    const own = ownFetch();
    const viewer = await startViewer({ store: ws.store, endpoints: ws.endpoints, prices: ws.prices, fetch: own.fetch });
    viewers.push(viewer);
    const first = await runPage(viewer);
    const names = first.figures.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['persona-triggers-bio', 'misaligned-triggers-nzi-ideology', 'persona-groups']));
    expect(names.filter((n) => n.startsWith('misaligned-triggers-')).length).toBe(categories.size - 1);
    expect(first.missing).toEqual([]);

    // The files are gone: the next page view draws the same figures from what the viewer kept.
    own.remove();
    const again = await runPage(viewer);
    expect(again.figures.map((f) => f.name)).toEqual(names);
    expect(again.missing).toEqual([]);

    // A viewer that has not read them cannot: it says so (and nothing left the machine).
    const blind = await startViewer({ store: ws.store, endpoints: ws.endpoints, prices: ws.prices, fetch: own.fetch });
    viewers.push(blind);
    expect((await runPage(blind)).missing.join('\n')).toMatch(/questions’ categories/);
  });

  it('names conditions by id and leaves the questions unsplit without fetch options, and says so', async () => {
    const viewer = await startViewer({ store: ws.store, endpoints: ws.endpoints, prices: ws.prices });
    viewers.push(viewer);
    const page = await runPage(viewer);
    const names = page.figures.map((f) => f.name);
    // Fewer than 20 questions: one trigger-pair figure per metric, no category in a name.
    expect(names).toEqual(expect.arrayContaining(['persona-triggers', 'misaligned-triggers', 'persona-groups']));
    expect(names.some((n) => n.includes('bio') || n.includes('nzi'))).toBe(false);
    expect(page.missing.join('\n')).toMatch(/the trigger conditions’ labels .* and the questions’ categories .*: the experiment’s files were not read/);
  });
});
