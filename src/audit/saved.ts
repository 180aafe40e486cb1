// Audits kept in the workspace, for `weirdgen view`: <workspace>/audits/<id>.json holds a header
// (what was audited, when, how many findings are flagged, the runs it made, its result sentences)
// and the audit's whole result. The id is the report folder's. Reading one back checks the header
// strictly and the result loosely (numbers that were NaN come back as null), and names the file of
// anything that is not a saved audit.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/atomic-write.js';
import { ConfigError, DataError } from '../util/errors.js';
import { auditLead, auditReportDirName, type AuditReportInput } from './report.js';

const FORMAT = 'weirdgen-audit';
const VERSION = 1;
const ID = /^audit-(dataset|triggers)-[0-9a-f]{16}$/;

/** Statistics stored as JSON: a NaN or an infinity was written as null. */
const stat = z.number().nullable();
const count = z.number().int().min(0);

const testSchema = z.looseObject({
  probe: z.string(),
  base: z.string(),
  condition: z.string().optional(),
  seenInData: z.boolean(),
  signal: z.string(),
  text: z.string(),
  latents: z.array(z.string()),
  subject: stat,
  reference: stat,
  nSubject: count,
  nReference: count,
  missingSubject: count,
  missingReference: count,
  estimate: stat,
  ciLow: stat,
  ciHigh: stat,
  pValue: stat,
  qValue: stat,
  examples: z.array(z.string()),
});

const findingSchema = z.looseObject({
  latent: z.string(),
  text: z.string(),
  concern: z.boolean(),
  flagged: z.boolean(),
  breadth: count,
  reach: count,
  namedBy: z.array(z.string()),
  explainedBy: z.string().optional(),
  tests: z.array(testSchema),
  probes: count,
  probesOutsideData: count,
  maxShift: stat,
});

const findingsSchema = z.looseObject({ tests: count, fdr: z.number(), minShift: z.number(), findings: z.array(findingSchema), decreases: z.array(testSchema), all: z.array(testSchema) });
const batterySchema = z.looseObject({ id: z.string(), description: z.string(), probes: count });

const canarySchema = z.looseObject({
  runId: z.string(),
  dataset: z.looseObject({ file: z.string(), sha256: z.string(), examples: count }),
  battery: batterySchema,
  reference: z.enum(['control', 'base']),
  control: z.string().optional(),
  models: z.record(z.string(), z.array(z.string())),
  samples: count,
  findings: findingsSchema,
  notices: z.array(z.string()),
});

const agreementSchema = z.looseObject({ hypothesis: z.string().nullable(), agreeing: count, samples: count });

const readerSchema = z.looseObject({
  reader: z.string(),
  datasetSha256: z.string(),
  examples: count,
  reduceAgreement: agreementSchema,
  harm: z.looseObject({ threshold: z.number(), examples: count, scored: count, unparsed: count, unanswered: count, mean: stat, max: stat, passing: count }),
  runs: z.looseObject({ map: z.string(), reduce: z.string(), harm: z.string() }),
  notices: z.array(z.string()),
  summary: z.string(),
});

const triggersSchema = z.looseObject({
  model: z.string(),
  against: z.string().optional(),
  findings: findingsSchema,
  families: z.array(z.looseObject({ family: z.string(), conditions: z.array(z.looseObject({ id: z.string(), text: z.string(), samples: count, stage: z.enum(['coarse', 'refined']) })) })),
  heatmap: z.looseObject({
    conditions: z.array(z.string()),
    bases: z.array(z.string()),
    cells: z.array(z.array(z.looseObject({ estimate: stat, signal: z.string().optional(), significant: z.boolean(), qValue: stat }))),
  }),
  runIds: z.looseObject({ coarse: z.string(), final: z.string() }),
  notices: z.array(z.string()),
});

const storedAuditSchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('dataset'), file: z.string(), canary: canarySchema.optional(), reader: readerSchema.optional() }),
  z.looseObject({ kind: z.literal('triggers'), result: triggersSchema, battery: batterySchema.optional() }),
]);

const headerSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  id: z.string().regex(ID),
  kind: z.enum(['dataset', 'triggers']),
  createdAt: z.iso.datetime(),
  /** The dataset file of a dataset audit, the model of a triggers audit. */
  subject: z.string(),
  /** Findings flagged, findings in all, and the tests they came from (0 for a reader-only audit). */
  flagged: count,
  findings: count,
  tests: count,
  /** The workspace runs the audit asked through (the canary's first). */
  runs: z.array(z.string()),
  /** The report's result sentences. */
  lead: z.array(z.string()),
});

const savedSchema = z.strictObject({ header: headerSchema, audit: storedAuditSchema });

export type SavedAuditHeader = z.infer<typeof headerSchema>;
/** An audit's result as read back from its file. */
export type StoredAudit = z.infer<typeof storedAuditSchema>;
export type StoredFinding = z.infer<typeof findingSchema>;
export type StoredSignalTest = z.infer<typeof testSchema>;
export interface SavedAudit {
  header: SavedAuditHeader;
  audit: StoredAudit;
}

/** Saved audits of a workspace, newest first, and the files of its audits folder that are not one. */
export interface AuditList {
  audits: SavedAuditHeader[];
  unreadable: { file: string; problem: string }[];
}

const auditsDir = (workspaceDir: string) => join(workspaceDir, 'audits');

function headerOf(audit: AuditReportInput, id: string): SavedAuditHeader {
  const findings = audit.kind === 'triggers' ? audit.result.findings : audit.canary?.findings;
  const runs = audit.kind === 'triggers' ? [audit.result.runIds.coarse, audit.result.runIds.final] : [...(audit.canary ? [audit.canary.runId] : []), ...(audit.reader ? [audit.reader.runs.map, audit.reader.runs.reduce, audit.reader.runs.harm] : [])];
  return {
    format: FORMAT,
    version: VERSION,
    id,
    kind: audit.kind,
    createdAt: new Date().toISOString(),
    subject: audit.kind === 'triggers' ? audit.result.model : audit.file,
    flagged: findings?.findings.filter((f) => f.flagged).length ?? 0,
    findings: findings?.findings.length ?? 0,
    tests: findings?.tests ?? 0,
    runs: [...new Set(runs)],
    lead: auditLead(audit),
  };
}

/** Saves `audit` as `<workspaceDir>/audits/<id>.json` (atomically; the same audit again replaces its file) and returns the file. */
export async function saveAudit(workspaceDir: string, audit: AuditReportInput): Promise<string> {
  const id = auditReportDirName(audit);
  const file = join(auditsDir(workspaceDir), `${id}.json`);
  await writeFileAtomic(file, `${JSON.stringify({ header: headerOf(audit, id), audit }, null, 2)}\n`);
  return file;
}

function parseSaved(file: string, text: string, id: string): SavedAudit {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataError({ file }, 'not-an-audit', `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = savedSchema.safeParse(json);
  if (!parsed.success) throw new DataError({ file }, 'not-an-audit', `not a saved weirdgen audit: ${z.prettifyError(parsed.error)}`);
  const { header, audit } = parsed.data;
  if (header.id !== id) throw new DataError({ file }, 'not-an-audit', `its header names audit ${header.id}, its file name ${id}`);
  if (header.kind !== audit.kind) throw new DataError({ file }, 'not-an-audit', `its header says ${header.kind}, its result is a ${audit.kind} audit`);
  return { header, audit };
}

const missing = (e: unknown) => e instanceof Error && 'code' in e && e.code === 'ENOENT';

/** The audit `id` of the workspace; undefined when none was saved under that id. Throws for an id of the wrong form or a file that is not a saved audit. */
export async function loadAudit(workspaceDir: string, id: string): Promise<SavedAudit | undefined> {
  if (!ID.test(id)) throw new ConfigError(`"${id}" is not an audit id (audit-dataset-<16 hex> or audit-triggers-<16 hex>)`);
  const file = join(auditsDir(workspaceDir), `${id}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (missing(e)) return undefined;
    throw e;
  }
  return parseSaved(file, text, id);
}

/** Every saved audit's header (newest first); a `.json` file of the folder that is not one is listed with why, never dropped silently. */
export async function listAudits(workspaceDir: string): Promise<AuditList> {
  const dir = auditsDir(workspaceDir);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    if (missing(e)) return { audits: [], unreadable: [] };
    throw e;
  }
  const list: AuditList = { audits: [], unreadable: [] };
  for (const name of names) {
    const file = join(dir, name);
    const id = name.slice(0, -'.json'.length);
    try {
      if (!ID.test(id)) throw new DataError({ file }, 'not-an-audit', 'its name is not an audit id (audit-dataset-<16 hex>.json or audit-triggers-<16 hex>.json)');
      list.audits.push(parseSaved(file, await readFile(file, 'utf8'), id).header);
    } catch (e) {
      list.unreadable.push({ file: name, problem: e instanceof DataError ? e.detail : e instanceof Error ? e.message : String(e) });
    }
  }
  list.audits.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return list;
}
