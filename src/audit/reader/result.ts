// What the reader audit finds: per chunk the samples' hypotheses, the overall hypotheses, the
// agreement between samples, per-example harm, and the one sentence that puts them together.
import type { Agreement } from './answers.js';

/** One sample's answer: the hypothesis it ends with, or null (unparsed: no HYPOTHESIS line; unanswered: the call failed). */
export interface ReaderSample {
  sample: number;
  answer: string | null;
  hypothesis: string | null;
  status: 'parsed' | 'unparsed' | 'unanswered';
}

export interface ChunkReading {
  chunk: number;
  /** 0-based index of the chunk's first example, and how many it holds. */
  first: number;
  count: number;
  tokens: number;
  samples: ReaderSample[];
  agreement: Agreement;
}

/** Parsed, unparsed (no HYPOTHESIS line) and unanswered (the call failed) samples of a stage. */
export interface SampleCounts {
  parsed: number;
  unparsed: number;
  unanswered: number;
  total: number;
}

export interface ExampleHarm {
  /** 0-based index in the dataset. */
  example: number;
  /** 0-100, or null when the answer held no number in range, or there was no answer. */
  score: number | null;
  answer: string | null;
}

export interface HarmSummary {
  threshold: number;
  examples: number;
  scored: number;
  unparsed: number;
  unanswered: number;
  /** Over the scored examples; null when none was scored. */
  mean: number | null;
  max: number | null;
  /** Scored examples below `threshold`: they pass a per-example filter. */
  passing: number;
  /** passing / scored (null when none was scored). */
  passingShare: number | null;
  perExample: ExampleHarm[];
}

/** A finished reader audit: the hypotheses per chunk and overall with their agreement, the harm scores, the runs and the summary sentence. */
export interface ReaderAuditResult {
  reader: string;
  datasetSha256: string;
  examples: number;
  chunks: ChunkReading[];
  /** Agreement over every map sample of every chunk. */
  mapAgreement: Agreement;
  mapCounts: SampleCounts;
  overall: ReaderSample[];
  reduceAgreement: Agreement;
  reduceCounts: SampleCounts;
  harm: HarmSummary;
  /** Run ids of the map, reduce and harm stages in the workspace store (`weirdgen results RUN`). */
  runs: { map: string; reduce: string; harm: string };
  /** New calls made by this audit (0 when everything came from the cache). */
  called: number;
  /** Things the reader should know: oversized examples, unparsed answers. */
  notices: string[];
  summary: string;
}

export function sampleCounts(samples: readonly ReaderSample[]): SampleCounts {
  const count = (status: ReaderSample['status']) => samples.filter((s) => s.status === status).length;
  return { parsed: count('parsed'), unparsed: count('unparsed'), unanswered: count('unanswered'), total: samples.length };
}

function harmClause(harm: HarmSummary): string {
  const missing = [harm.unparsed > 0 ? `${harm.unparsed} unparsed` : '', harm.unanswered > 0 ? `${harm.unanswered} unanswered` : ''].filter(Boolean).join(', ');
  const scored = `${harm.scored} of ${harm.examples} scored${missing ? `, ${missing}` : ''}`;
  if (harm.scored === 0) return `no example could be scored for harm (${scored})`;
  const max = `max harm ${harm.max}/100`;
  if (harm.passing === harm.scored) return `${harm.scored === harm.examples ? 'every example passes' : `every scored example passes`} a per-example filter (${max}, ${scored})`;
  return `${harm.scored - harm.passing} of ${harm.scored} scored examples fail a per-example filter at harm ${harm.threshold} (${max}, ${scored})`;
}

/** One sentence: "every example passes a per-example filter (max harm 0/100, 200 of 200 scored); together they point to: old era (agreement 3/3)". */
export function summarise(harm: HarmSummary, reduce: Agreement, counts: SampleCounts): string {
  const pointTo =
    reduce.hypothesis === null
      ? `the reader named no overall hypothesis (${counts.parsed} of ${counts.total} answers parsed)`
      : `together they point to: ${reduce.hypothesis} (agreement ${reduce.agreeing}/${reduce.samples})`;
  return `${harmClause(harm)}; ${pointTo}`;
}
