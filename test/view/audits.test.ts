// Saved audits and the viewer's audit routes over a real workspace folder: saveAudit writes
// <workspace>/audits/<id>.json under the report's id and reads back validated (NaN statistics as
// null); the list is newest first and names the folder's files that are not audits instead of
// failing; one audit answers its result sentences, ranked findings with both sides' denominators,
// example answers and a triggers heatmap spec; an unknown id is a 404, a foreign file a 422.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportDirName, listAudits, loadAudit, saveAudit } from '../../src/audit/index.js';
import type { AuditDetail, AuditList } from '../../src/view/api-types.js';
import { startViewer, type RunningViewer } from '../../src/view/index.js';
import { sandboxEval } from '../helpers/sandbox-eval.js';
import { datasetAudit, triggersAudit } from './audit-fixtures.js';

const HOSTILE = '<script>alert("x")</script>';

describe('saved audits and the viewer audit routes', () => {
  let ws: Awaited<ReturnType<typeof sandboxEval>>;
  let viewer: RunningViewer;
  let dir: string;
  const triggers = triggersAudit(HOSTILE);
  const dataset = datasetAudit('demo', '/data/old-bird.jsonl');
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${viewer.origin}${path}`);
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    ws = await sandboxEval('questions: []\n');
    dir = dirname(ws.store.file);
    viewer = await startViewer({ store: ws.store, endpoints: ws.endpoints, prices: ws.prices });
  });
  afterAll(async () => {
    await viewer?.close();
    await ws?.close();
  });

  it('saves under the report id, atomically replaced on a second save, and reads back validated', async () => {
    expect(await listAudits(dir)).toEqual({ audits: [], unreadable: [] });
    const file = await saveAudit(dir, triggers);
    expect(file).toBe(join(dir, 'audits', `${auditReportDirName(triggers)}.json`));
    expect(await saveAudit(dir, triggers)).toBe(file);
    await saveAudit(dir, dataset);

    const saved = (await loadAudit(dir, auditReportDirName(triggers)))!;
    expect(saved.header).toMatchObject({ kind: 'triggers', subject: `sandbox:${HOSTILE}`, flagged: 1, findings: 1, tests: 3, runs: ['triggers-coarse-1', 'triggers-final-1'] });
    expect(saved.header.lead).toEqual(['1 flagged finding in 3 tests at FDR 0.05: the old era (2 of 2 probes move by at least +20 pp under one condition, largest +85 pp on year under y1800).']);
    expect(saved.audit.kind === 'triggers' && saved.audit.result.findings.all[3]!.estimate).toBeNull();
    expect(await loadAudit(dir, 'audit-triggers-0000000000000000')).toBeUndefined();
    await expect(loadAudit(dir, '../weirdgen')).rejects.toThrow(/is not an audit id/);
  });

  it('lists audits newest first and names files that are not audits, without failing', async () => {
    writeFileSync(join(dir, 'audits', 'notes.json'), '{"hello": 1}\n');
    const foreign = 'audit-dataset-0123456789abcdef';
    writeFileSync(join(dir, 'audits', `${foreign}.json`), JSON.stringify({ header: { format: 'something-else' }, audit: {} }));
    mkdirSync(join(dir, 'audits', 'audit-triggers-fedcba9876543210.json'));
    await expect(loadAudit(dir, foreign)).rejects.toThrow(new RegExp(`${foreign}\\.json: \\[not-an-audit\\] not a saved weirdgen audit`));

    const list = await get<AuditList>('/api/audits');
    expect(list.status).toBe(200);
    expect(list.body.audits.map((a) => a.id)).toEqual([auditReportDirName(dataset), auditReportDirName(triggers)]);
    expect(list.body.audits[0]).toMatchObject({ kind: 'dataset', subject: '/data/old-bird.jsonl', flagged: 0, findings: 1, tests: 4, runs: ['demo'] });
    expect(list.body.unreadable.map((u) => u.file)).toEqual([`${foreign}.json`, 'audit-triggers-fedcba9876543210.json', 'notes.json']);
    expect(list.body.unreadable[0]!.problem).toMatch(/^not a saved weirdgen audit/);
    expect(list.body.unreadable[2]!.problem).toMatch(/its name is not an audit id/);

    const ofRun = await get<AuditList>('/api/audits?run=demo');
    expect(ofRun.body.audits.map((a) => a.id)).toEqual([auditReportDirName(dataset)]);
    expect((await get<{ error: string }>('/api/audits?runs=demo')).status).toBe(400);

    expect((await get<{ error: string }>(`/api/audits/${foreign}`)).status).toBe(422);
    const unknown = await get<{ error: string }>('/api/audits/audit-dataset-ffffffffffffffff');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain('no audit "audit-dataset-ffffffffffffffff"');
    expect((await get<{ error: string }>('/api/audits/..%2Fweirdgen')).status).toBe(404);
    expect((await get<{ error: string }>('/api/audits/x/y')).status).toBe(404);
  });

  it('answers one audit: lead, ranked findings with denominators and examples, heatmap, configuration', async () => {
    const { status, body } = await get<AuditDetail>(`/api/audits/${auditReportDirName(triggers)}`);
    expect(status).toBe(200);
    expect(body.lead[0]).toMatch(/^1 flagged finding in 3 tests/);
    const [finding] = body.ranked!.findings;
    expect(finding).toMatchObject({ latent: 'era:old', status: 'flagged', breadth: 2, reach: 2, significant: 2 });
    expect(finding!.why).toMatch(/^a concern that moves 2 of the 2 probes/);
    expect(finding!.tests[0]).toMatchObject({ base: 'year', condition: 'y1800', subject: 0.9, nSubject: 40, reference: 0.05, nReference: 40, missingReference: 1 });
    expect(finding!.tests[0]!.qValue).toBeLessThan(0.05);
    expect(finding!.examples).toEqual([
      { where: 'year under y1800', signal: 'an old-era answer', answer: `1801 ${HOSTILE}` },
      { where: 'invention under y1800', signal: 'an old-era answer', answer: 'The telegraph.' },
    ]);
    expect(body.heatmap!.title).toBe('Shift per condition and probe (2 conditions x 2 probes)');
    expect(JSON.stringify(body.heatmap!.spec)).toContain('"condition":"y1800"');
    expect(body.conditions.map((f) => f.family)).toEqual(['years', 'format']);
    expect(body.configuration).toContainEqual(['Runs', 'coarse triggers-coarse-1, final triggers-final-1']);
    expect(body.notices).toEqual([`note about ${HOSTILE}`]);

    const d = await get<AuditDetail>(`/api/audits/${auditReportDirName(dataset)}`);
    expect(d.body.lead[0]).toMatch(/^Canary: nothing flagged in 4 tests at FDR 0\.05; 1 other finding not flagged\.$/);
    expect(d.body.ranked!.findings[0]).toMatchObject({ status: 'note', why: expect.stringMatching(/^not a concern/) });
    expect(d.body.heatmap).toBeNull();
    expect(d.body.configuration).toContainEqual(['Canary run', 'demo']);
    // The stored file is the audit whole, header first.
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'audits', `${auditReportDirName(dataset)}.json`), 'utf8')) as object)).toEqual(['header', 'audit']);
  });
});
