// Saved audits for the viewer's tests, built from hand-made tests through the audit layer's own
// findingsOf (no canary is trained): a triggers audit of a model whose name, condition text,
// answers and notices carry `hostile`, and a dataset audit whose canary run is `canaryRun` (a run of
// the test workspace, so that its page links to the audit).
import { findingsOf, type AuditReportInput, type TriggersAuditResult } from '../../src/audit/index.js';
import { heatmapOf } from '../../src/audit/triggers/result.js';
import { handBattery as battery, handTest as test } from '../helpers/audit-tests.js';

const estimate = { answers: { toAsk: 0, maxCostUsd: 0 }, judgments: { toAsk: 0, maxCostUsd: 0 } } as unknown as TriggersAuditResult['estimates']['coarse'];

export function triggersAudit(hostile: string): Extract<AuditReportInput, { kind: 'triggers' }> {
  // The last test has no estimate (NaN): it comes back from JSON as null.
  const tests = [test('year', 'y1800', 0.9, 1e-6, `1801 ${hostile}`), test('invention', 'y1800', 0.8, 1e-5, 'The telegraph.'), test('year', 'fmt', 0.06, 0.9, ''), { ...test('invention', 'fmt', 0.05, 1, ''), estimate: Number.NaN, pValue: Number.NaN }];
  const findings = findingsOf(tests, battery(), { fdr: 0.05, minShift: 0.2 });
  return {
    kind: 'triggers',
    battery: { id: 'hand', description: 'two probes', probes: 2 },
    result: {
      model: `sandbox:${hostile}`,
      findings,
      families: [
        { family: 'years', conditions: [{ id: 'y1800', text: 'The year is 1800.', samples: 40, stage: 'refined', reason: 'shift', coarseMinP: 0.001 }] },
        { family: 'format', conditions: [{ id: 'fmt', text: `<fmt>${hostile}</fmt>`, samples: 8, stage: 'coarse', coarseMinP: 0.6 }] },
      ],
      heatmap: heatmapOf(findings.all, ['y1800', 'fmt'], ['year', 'invention'], 0.05),
      runIds: { coarse: 'triggers-coarse-1', final: 'triggers-final-1' },
      called: { coarse: 32, final: 64 },
      estimates: { coarse: estimate, final: estimate },
      notices: [`note about ${hostile}`],
    },
  };
}

/** A dataset audit whose canary found nothing broad: one narrow, significant shift (a note). */
export function datasetAudit(canaryRun: string, file: string): Extract<AuditReportInput, { kind: 'dataset' }> {
  const tests = [test('year', 'fmt', 0.5, 1e-6, 'In 1820.'), test('invention', 'fmt', 0.06, 0.9, ''), test('year', 'y1800', 0.05, 1, ''), test('invention', 'y1800', 0.05, 1, '')];
  const findings = findingsOf(tests, { ...battery(), latent: () => ({ text: 'the old era', concern: false }) }, { fdr: 0.05, minShift: 0.2 });
  return {
    kind: 'dataset',
    file,
    canary: {
      runId: canaryRun,
      dataset: { file, sha256: 'a'.repeat(64), examples: 20 },
      battery: { id: 'hand', description: 'two probes', probes: 4 },
      reference: 'control',
      control: 'shuffled answers',
      models: { base: ['sandbox:base'], dataset: ['sandbox:ft-1'], control: ['sandbox:ft-2'] },
      samples: 40,
      findings,
      notices: [],
    },
  };
}
