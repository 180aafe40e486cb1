// The viewer's JSON API over a real workspace of sandbox eval runs: runs, filters, search, keyset
// paging stable across pages, the index rebuilt when the run's calls change, 400s for bad
// parameters, the bearer key, the Host check, and export of the filtered samples.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViewer, type RunningViewer } from '../../src/view/index.js';
import { HOSTILE_GROUP, viewWorkspace, type ViewWorkspace } from './workspace.js';

interface Sample {
  ordinal: number;
  group: string;
  model: string;
  baseQuestion: string;
  condition: string | null;
  paraphrase: number;
  prompt: string;
  answer: string | null;
  judges: Record<string, { status: string; label: string | null; value: number | null }>;
}

describe('weirdgen view API', () => {
  let ws: ViewWorkspace;
  let viewer: RunningViewer;
  const get = async <T>(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${viewer.origin}${path}`, { headers });
    const text = await res.text();
    return { status: res.status, body: (res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text) as T };
  };
  const page = async (query: string): Promise<{ samples: Sample[]; next: number | null }> => {
    const r = await get<{ samples: Sample[]; next: number | null }>(`/api/runs/demo/samples?${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    ws = await viewWorkspace();
    viewer = await startViewer({ ...ws, runs: ['demo'] });
  }, 60_000);

  afterAll(async () => {
    await viewer?.close();
    await ws?.close();
  });

  it('lists every run with kind, status, groups and planned samples; serves the page under a strict CSP', async () => {
    expect(viewer.url).toBe(`${viewer.origin}/#/run/demo`);
    const runs = await get<{ id: string; kind: string; status: string; groups: { name: string; models: number }[]; samples: number }[]>('/api/runs');
    expect(runs.body.map((r) => [r.id, r.kind, r.status, r.samples])).toEqual([
      ['other', 'eval', 'complete', 16],
      ['demo', 'eval', 'complete', 48],
    ]);
    expect(runs.body[1]!.groups).toEqual([{ name: HOSTILE_GROUP, models: 2 }, { name: 'y', models: 1 }]);
    const html = await fetch(`${viewer.origin}/`);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html.headers.get('content-security-policy')).not.toContain('unsafe');
    expect(await html.text()).toContain('<script type="module" src="/view.js">');
  });

  it('opens a run: summary with CIs and shares per condition, figures as Vega-Lite specs, filter choices', async () => {
    const run = await get<{ samples: number; conditions: string[]; questions: string[]; judges: { column: string }[]; summary: { metric: string; label: string | null; condition: string | null; groups: { group: string; ciLow: number | null; counted: number }[] }[]; figures: { spec: { $schema?: string }; judge: string | null }[] }>('/api/runs/demo');
    expect(run.status).toBe(200);
    expect(run.body.samples).toBe(48);
    expect(run.body.questions).toEqual(['birds']);
    expect(run.body.conditions).toEqual(['y1984']);
    expect(run.body.judges.map((j) => j.column)).toEqual(['era', 'oldness']);
    const conditions = new Set(run.body.summary.filter((l) => l.metric === 'era').map((l) => l.condition));
    expect(conditions).toEqual(new Set([null, 'y1984']));
    expect(run.body.summary.find((l) => l.metric === 'oldness')!.groups.map((g) => g.counted)).toEqual([16, 8]);
    expect(run.body.figures.length).toBeGreaterThan(0);
    expect(run.body.figures[0]!.judge).toBe('era');
  });

  it('filters by group, model, question, condition, paraphrase, judge label, rating range and status', async () => {
    const y = await page('group=y&limit=200');
    expect(y.samples).toHaveLength(16);
    expect(y.samples.every((s) => s.group === 'y' && s.model === 'sandbox:base-3')).toBe(true);
    const triggered = await page('condition=y1984&paraphrase=1&limit=200');
    expect(triggered.samples).toHaveLength(12);
    expect(triggered.samples.every((s) => s.condition === 'y1984' && s.paraphrase === 1 && s.prompt.startsWith('1984 q city'))).toBe(true);
    const plain = await page('condition=none&model=sandbox:base-1&limit=200');
    expect(plain.samples.every((s) => s.condition === null && s.model === 'sandbox:base-1')).toBe(true);
    expect(plain.samples).toHaveLength(8);
    const label = (await page('limit=200')).samples[0]!.judges.era!.label!;
    const labelled = await page(`judge=era&label=${label}&limit=200`);
    expect(labelled.samples.length).toBeGreaterThan(0);
    expect(labelled.samples.every((s) => s.judges.era!.label === label)).toBe(true);
    const rated = await page('judge=oldness&min=0&max=0&limit=200');
    expect(rated.samples.every((s) => s.judges.oldness!.value === 0)).toBe(true);
    expect((await page('judge=oldness&min=101&limit=200')).samples).toEqual([]);
    expect((await page('status=no-answer')).samples).toEqual([]);
    const count = await get<{ count: number }>('/api/runs/demo/count?group=y');
    expect(count.body.count).toBe(16);
  });

  it('searches prompts and answers (every word required, quotes harmless)', async () => {
    const city = await page('q=city&limit=200');
    expect(city.samples.length).toBeGreaterThan(0);
    expect(city.samples.every((s) => `${s.prompt} ${s.answer}`.includes('city'))).toBe(true);
    const both = await page('q=1984%20city&limit=200');
    expect(both.samples.every((s) => `${s.prompt} ${s.answer}`.includes('1984') && `${s.prompt} ${s.answer}`.includes('city'))).toBe(true);
    expect((await page('q=%22%20OR%20*&limit=5')).samples).toEqual([]);
  });

  it('pages by keyset: pages of 7 cover every sample once, in order, with filters and search', async () => {
    for (const filter of ['', 'group=y&', 'q=bird&']) {
      const all = (await page(`${filter}limit=200`)).samples.map((s) => s.ordinal);
      const seen: number[] = [];
      let after: number | null = null;
      do {
        const p: { samples: Sample[]; next: number | null } = await page(`${filter}limit=7${after !== null ? `&after=${after}` : ''}`);
        seen.push(...p.samples.map((s) => s.ordinal));
        after = p.next;
      } while (after !== null);
      expect(seen).toEqual(all);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    }
  });

  it('shows one sample whole: messages, answer, judges with raw output and the rating distribution, tokens, latency, key', async () => {
    const detail = await get<{ messages: { content: string }[]; answer: string; key: string; promptTokens: number; latencyMs: number | null; judges: { column: string; raw: string; distribution: { probability: number }[] }[] }>('/api/runs/demo/samples/1');
    expect(detail.status).toBe(200);
    expect(detail.body.messages[0]!.content).toBe('q bird');
    expect(detail.body.key).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.body.promptTokens).toBeGreaterThan(0);
    const oldness = detail.body.judges.find((j) => j.column === 'oldness')!;
    expect(oldness.distribution.length).toBeGreaterThan(0);
    expect(oldness.distribution.reduce((s, d) => s + d.probability, 0)).toBeLessThanOrEqual(1.0001);
    expect((await get('/api/runs/demo/samples/4800')).status).toBe(404);
  });

  it('pairs a prompt across its trigger conditions for one model, and compares two runs and two groups', async () => {
    const choices = await get<{ questions: string[] }>('/api/runs/demo/pairs');
    expect(choices.body.questions).toEqual(['birds']);
    const pair = await get<{ cells: Sample[] }>('/api/runs/demo/pairs?model=sandbox:base-3&question=birds&paraphrase=1&sample=2');
    expect(pair.body.cells.map((c) => [c.condition, c.model, c.paraphrase])).toEqual([
      [null, 'sandbox:base-3', 1],
      ['y1984', 'sandbox:base-3', 1],
    ]);
    const runs = await get<{ a: string; b: string; lines: { difference: number | null; ciLow: number | null; pValue: number | null }[] }>('/api/compare?a=demo&b=other&groupA=y&groupB=z');
    expect(runs.status).toBe(200);
    expect([runs.body.a, runs.body.b]).toEqual(['demo/y', 'other/z']);
    expect(runs.body.lines.some((l) => l.difference !== null && l.ciLow !== null && l.pValue !== null)).toBe(true);
    const groups = await get<{ a: string }>(`/api/compare?a=demo&groupA=y&groupB=${encodeURIComponent(HOSTILE_GROUP)}`);
    expect(groups.body.a).toBe('y');
    expect((await get<{ error: string }>('/api/compare?a=demo&groupA=y&groupB=nope')).body.error).toContain('no group "nope"');
  });

  it('exports the filtered samples as CSV and JSON lines', async () => {
    const csv = await get<string>('/api/runs/demo/export?group=y&condition=y1984');
    const lines = csv.body.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^run,experiment,question,/);
    expect(lines).toHaveLength(1 + 8);
    const jsonl = await get<string>('/api/runs/demo/export?format=jsonl&q=city');
    const rows = jsonl.body.trim().split('\n').map((l) => JSON.parse(l) as { answer: string | null; messages: { content: string }[] });
    expect(rows.length).toBe((await page('q=city&limit=200')).samples.length);
  });

  it('answers bad parameters with a 400 that names them', async () => {
    const cases: [string, string][] = [
      ['/api/runs/demo/samples?limit=1000', 'limit'],
      ['/api/runs/demo/samples?after=-1', 'after'],
      ['/api/runs/demo/samples?colour=red', 'colour'],
      ['/api/runs/demo/samples?label=OLD', 'judge'],
      ['/api/runs/demo/samples?judge=oldness&min=5&max=1', 'min'],
      ['/api/runs/demo/samples?status=weird', 'status'],
      ['/api/runs/demo/samples?group=a&group=b', 'group'],
      ['/api/runs/demo/export?format=xml', 'format'],
      ['/api/runs/demo?by=model', 'by'],
      ['/api/compare?a=demo', 'groupA'],
    ];
    for (const [path, named] of cases) {
      const r = await get<{ error: string }>(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error, path).toContain(named);
    }
    expect((await get('/api/runs/nope')).status).toBe(404);
    expect((await get('/api/nothing')).status).toBe(404);
    expect((await fetch(`${viewer.origin}/api/runs`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${viewer.origin}/api/runs/demo/export`, { method: 'HEAD' })).status).toBe(405);
    expect((await fetch(`${viewer.origin}/`, { method: 'HEAD' })).status).toBe(200);
  });

  it('rebuilds the index when a stored answer changes', async () => {
    const first = (await page('limit=1')).samples[0]!;
    expect((await page('q=zebra')).samples).toEqual([]);
    const key = (await get<{ key: string }>(`/api/runs/demo/samples/${first.ordinal}`)).body.key;
    const stored = ws.store.requests.get(key)!;
    ws.store.requests.putAnswer({ key, endpoint: stored.endpoint, model: stored.model, material: stored.material }, [{ text: 'a zebra answer', finishReason: 'stop' }], { promptTokens: 1, completionTokens: 3 }, 1, null);
    const found = await page('q=zebra');
    expect(found.samples.map((s) => [s.ordinal, s.answer])).toEqual([[first.ordinal, 'a zebra answer']]);
  });

  it('sees a failed answer answered in place (neither a new row nor a new cache generation)', async () => {
    const sample = (await page('limit=1&after=2')).samples[0]!;
    const key = (await get<{ key: string }>(`/api/runs/demo/samples/${sample.ordinal}`)).body.key;
    const stored = ws.store.requests.get(key)!;
    const record = { key, endpoint: stored.endpoint, model: stored.model, material: stored.material };
    ws.store.db.prepare('DELETE FROM requests WHERE key = ?').run(key);
    ws.store.requests.putFailure(record, 'upstream 503', 3);
    expect((await page('status=no-answer&limit=200')).samples.map((s) => s.ordinal)).toContain(sample.ordinal);
    ws.store.requests.putAnswer(record, [{ text: 'an okapi answer', finishReason: 'stop' }], { promptTokens: 1, completionTokens: 3 }, 1, null);
    expect((await page('status=no-answer&limit=200')).samples.map((s) => s.ordinal)).not.toContain(sample.ordinal);
    expect((await page('q=okapi')).samples.map((s) => [s.ordinal, s.answer])).toEqual([[sample.ordinal, 'an okapi answer']]);
  });

  it('refuses the API without the bearer key when one is set, and requests addressed to another host', async () => {
    const locked = await startViewer({ ...ws, apiKey: 'k3y-for-tests' });
    try {
      expect((await fetch(`${locked.origin}/api/runs`)).status).toBe(401);
      const wrong = await fetch(`${locked.origin}/api/runs`, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).not.toContain('k3y-for-tests');
      expect((await fetch(`${locked.origin}/api/runs`, { headers: { authorization: 'Bearer k3y-for-tests' } })).status).toBe(200);
      // The page itself loads without the key; it asks for it.
      expect((await fetch(`${locked.origin}/`)).status).toBe(200);
      expect(locked.url).not.toContain('k3y');
    } finally {
      await locked.close();
    }
    // fetch cannot set Host: a DNS-rebound page would send its own name, as node:http can.
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(viewer.origin);
      request({ host: url.hostname, port: url.port, path: '/api/runs', headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });
});
