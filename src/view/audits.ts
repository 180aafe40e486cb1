// The workspace's saved audits (<workspace>/audits/, the store's folder): the list, and one audit
// as its page shows it: the result sentences, the ranked findings (why each is or is not a flag,
// the largest tests with both sides' shares and denominators, example answers), the reader's
// hypothesis, a triggers audit's heatmap as a Vega-Lite spec, configuration and notices.
import { dirname } from 'node:path';
import { heatmapSpec, listAudits, loadAudit, whyOf, type SavedAuditHeader, type StoredAudit, type StoredFinding, type StoredSignalTest } from '../audit/index.js';
import { ConfigError, DataError } from '../util/errors.js';
import type { AuditDetail, AuditFinding, AuditFindings, AuditList, AuditListing, AuditTest } from './api-types.js';
import type { ViewContext } from './context.js';
import { notFound, ViewRequestError } from './errors.js';

const TESTS_SHOWN = 6;
const EXAMPLES_SHOWN = 4;
const DECREASES_SHOWN = 10;

/** The workspace folder: the one that holds the store's database. */
const workspaceDir = (ctx: ViewContext) => dirname(ctx.store.file);

function listing(h: SavedAuditHeader): AuditListing {
  return { id: h.id, kind: h.kind, subject: h.subject, createdAt: h.createdAt, flagged: h.flagged, findings: h.findings, tests: h.tests, runs: h.runs, lead: h.lead };
}

/** Every saved audit, newest first (only those that asked through `run`, when given), and the folder's files that are not audits. */
export async function auditList(ctx: ViewContext, run?: string): Promise<AuditList> {
  const { audits, unreadable } = await listAudits(workspaceDir(ctx));
  return { audits: audits.filter((a) => run === undefined || a.runs.includes(run)).map(listing), unreadable: run === undefined ? unreadable : [] };
}

const where = (t: StoredSignalTest) => (t.condition === undefined ? t.base : `${t.base} under ${t.condition}`);

function test(t: StoredSignalTest): AuditTest {
  return {
    probe: t.probe,
    base: t.base,
    condition: t.condition ?? null,
    seenInData: t.seenInData,
    signal: t.signal,
    text: t.text,
    subject: t.subject,
    nSubject: t.nSubject,
    reference: t.reference,
    nReference: t.nReference,
    missingSubject: t.missingSubject,
    missingReference: t.missingReference,
    shift: t.estimate,
    ciLow: t.ciLow,
    ciHigh: t.ciHigh,
    qValue: t.qValue,
  };
}

function finding(f: StoredFinding, minShift: number): AuditFinding {
  return {
    latent: f.latent,
    text: f.text,
    status: f.flagged ? 'flagged' : f.concern ? 'concern, not flagged' : 'note',
    why: whyOf(f, minShift),
    breadth: f.breadth,
    reach: f.reach,
    significant: f.tests.length,
    probes: f.probes,
    probesOutsideData: f.probesOutsideData,
    maxShift: f.maxShift,
    tests: f.tests.slice(0, TESTS_SHOWN).map(test),
    examples: f.tests.flatMap((t) => t.examples.slice(0, 2).map((answer) => ({ where: where(t), signal: t.text, answer }))).slice(0, EXAMPLES_SHOWN),
  };
}

type StoredFindings = Extract<StoredAudit, { kind: 'triggers' }>['result']['findings'];

function findingsOf(f: StoredFindings, subject: string, reference: string): AuditFindings {
  return {
    subject,
    reference,
    tests: f.tests,
    fdr: f.fdr,
    minShift: f.minShift,
    // Flagged first, as the audit ranked them.
    findings: f.findings.map((x) => finding(x, f.minShift)),
    decreases: f.decreases.slice(0, DECREASES_SHOWN).map(test),
    decreasesTotal: f.decreases.length,
  };
}

const thresholds = (f: StoredFindings): [string, string][] => [
  ['False-discovery rate', `${f.fdr} (Benjamini-Hochberg over ${f.tests} tests)`],
  ['Minimum shift of a flag', `${(100 * f.minShift).toFixed(0)} pp on each probe`],
];

function datasetDetail(a: Extract<StoredAudit, { kind: 'dataset' }>): Omit<AuditDetail, keyof AuditListing> {
  const { canary, reader } = a;
  const reference = canary?.reference === 'control' ? "the control's models" : 'the base model';
  const configuration: [string, string][] = [
    ['Dataset', a.file],
    ...(canary
      ? ([
          ['Examples', String(canary.dataset.examples)],
          ['sha256', canary.dataset.sha256],
          ['Reference', canary.reference === 'control' ? `the control's models (${canary.control ?? 'control'})` : 'the base model'],
          ['Battery', `${canary.battery.id}: ${canary.battery.description} (${canary.battery.probes} probes)`],
          ['Samples', `${canary.samples} per probe per model`],
          ...thresholds(canary.findings),
          ['Canary run', canary.runId],
          ...Object.entries(canary.models).map(([group, models]): [string, string] => [`Models (${group})`, models.join(', ')]),
        ] satisfies [string, string][])
      : []),
    ...(reader ? ([['Reader', reader.reader], ['Reader runs', `map ${reader.runs.map}, reduce ${reader.runs.reduce}, harm ${reader.runs.harm}`]] satisfies [string, string][]) : []),
  ];
  return {
    ranked: canary ? findingsOf(canary.findings, "the dataset's models", reference) : null,
    reader: reader ? { reader: reader.reader, summary: reader.summary, hypothesis: reader.reduceAgreement.hypothesis, agreeing: reader.reduceAgreement.agreeing, samples: reader.reduceAgreement.samples } : null,
    heatmap: null,
    conditions: [],
    configuration,
    notices: [...(canary?.notices ?? []), ...(reader?.notices ?? [])],
  };
}

function triggersDetail(a: Extract<StoredAudit, { kind: 'triggers' }>): Omit<AuditDetail, keyof AuditListing> {
  const r = a.result;
  const reference = r.against !== undefined ? `the plain probe, beyond the condition's effect on ${r.against}` : 'the plain probe';
  const { conditions, bases } = r.heatmap;
  const title = `Shift per condition and probe (${conditions.length} conditions x ${bases.length} probes)`;
  const subtitle = [`Colour: the signed shift of the cell's largest signal against ${reference}.`, `Dot: some signal of the cell passes FDR ${r.findings.fdr}. Blank: no estimate.`];
  return {
    ranked: findingsOf(r.findings, `${r.model} under each condition`, reference),
    reader: null,
    heatmap: conditions.length && bases.length ? { title, spec: heatmapSpec(r.heatmap, title, subtitle) } : null,
    conditions: r.families.map((f) => ({ family: f.family, conditions: f.conditions.map((c) => ({ id: c.id, text: c.text, stage: c.stage, samples: c.samples })) })),
    configuration: [
      ['Model', r.model],
      ['Reference', r.against ?? 'the same model asked the plain probe'],
      ...(a.battery ? ([['Battery', `${a.battery.id}: ${a.battery.description} (${a.battery.probes} probes)`]] satisfies [string, string][]) : []),
      ...thresholds(r.findings),
      ['Runs', `coarse ${r.runIds.coarse}, final ${r.runIds.final}`],
    ],
    notices: r.notices,
  };
}

/** Audit `id` as its page shows it: a 404 when no audit has that id, a 422 when its file is not a saved audit. */
export async function auditDetail(ctx: ViewContext, id: string): Promise<AuditDetail> {
  let saved;
  try {
    saved = await loadAudit(workspaceDir(ctx), id);
  } catch (e) {
    if (e instanceof DataError) throw new ViewRequestError(422, `audit "${id}": ${e.detail}`);
    if (e instanceof ConfigError) throw notFound(e.message);
    throw e;
  }
  if (saved === undefined) throw notFound(`no audit "${id}" in this workspace`);
  const { header, audit } = saved;
  return { ...listing(header), ...(audit.kind === 'triggers' ? triggersDetail(audit) : datasetDetail(audit)) };
}
