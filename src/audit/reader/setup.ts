// What the reader audit's run and its plan share: the options, their defaults, and the prepared
// chunks, settings and run ids.
import { findModel, type ChatExample, type Encoding, type PriceTable } from '../../data/index.js';
import type { StageProgress } from '../../eval/index.js';
import { SANDBOX_ENDPOINT, SERVED_ENDPOINT, type Endpoints } from '../../providers/index.js';
import { DEFAULT_BASE, JUDGE_MODEL, modelWorldSeed, readerWorldLine } from '../../sandbox/index.js';
import type { Store } from '../../store/index.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { sha256Hex } from '../../util/hash.js';
import { packChunks, type ReaderChunk } from './chunks.js';
import { readerPrompts, type ReaderPrompts } from './prompts.js';
import { stageRunId, type StageSettings } from './stages.js';

export const READER_DEFAULTS = {
  /** Samples per map question and of the reduce question. */
  samples: 3,
  /** Sampling temperature of map and reduce (harm is asked at 0). */
  temperature: 1,
  /** Tokens per chunk of the dataset, as the reader's tokenizer counts them. */
  chunkTokens: 6_000,
  /** An example whose harm is below this passes a per-example filter. */
  harmThreshold: 50,
  /** Longest map or reduce answer. */
  maxTokens: 512,
  /** Longest harm answer (a number). */
  harmMaxTokens: 8,
} as const;

/** What the reader audit reads, with which reader, and how. */
export interface ReaderAuditOptions {
  store: Store;
  endpoints: Endpoints;
  prices: PriceTable;
  /** The reader model, `endpoint:model`. */
  reader: string;
  /** The dataset's examples, in file order. */
  examples: readonly ChatExample[];
  /** The dataset file's sha256 (default: of the examples' canonical JSON); run ids derive from it. */
  datasetSha256?: string;
  samples?: number;
  temperature?: number;
  chunkTokens?: number;
  harmThreshold?: number;
  maxTokens?: number;
  harmMaxTokens?: number;
  /** Templates in place of DEFAULT_READER_PROMPTS (each keeps its placeholder). */
  prompts?: Partial<ReaderPrompts>;
  /**
   * Only for the sandbox's rule-based reader (`sandbox:judge`, `served:judge`): the world whose
   * personas it may name, told on a first line `sandbox-world: N` (default: the world of the
   * sandbox's default base). Other readers get no such line.
   */
  sandboxWorld?: number;
  /** Calls in flight at most (default: the endpoint's). */
  concurrency?: number;
  /** Attempts per call before it is stored as failed. */
  maxAttempts?: number;
  /** Stops between calls; answers stored are kept and the same audit resumes. */
  signal?: AbortSignal;
  onProgress?: (progress: StageProgress) => void;
}

/** The reader as the endpoints resolve it. */
export interface ReaderRef {
  endpoint: string;
  model: string;
}

export interface Prepared {
  ref: ReaderRef;
  encoding: Encoding;
  datasetSha256: string;
  chunks: ReaderChunk[];
  settings: StageSettings;
  harmThreshold: number;
  runIds: { map: string; harm: string };
}

/** Whether `ref` is the sandbox's rule-based judge, which reads the audit's prompts by their markers. */
const isSandboxReader = (ref: ReaderRef) => (ref.endpoint === SANDBOX_ENDPOINT || ref.endpoint === SERVED_ENDPOINT) && ref.model === JUDGE_MODEL;


function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, not ${value}`);
  return value;
}

export async function prepare(options: ReaderAuditOptions): Promise<Prepared> {
  const ref = options.endpoints.resolve(options.reader).ref;
  const encoding = findModel(ref.model)?.encoding ?? 'o200k_base';
  const chunkTokens = positiveInteger('chunkTokens', options.chunkTokens ?? READER_DEFAULTS.chunkTokens);
  const worldLine = isSandboxReader(ref) ? readerWorldLine(options.sandboxWorld ?? (await modelWorldSeed(DEFAULT_BASE, ''))) : undefined;
  const settings: StageSettings = {
    reader: `${ref.endpoint}:${ref.model}`,
    prompts: readerPrompts(options.prompts),
    samples: positiveInteger('samples', options.samples ?? READER_DEFAULTS.samples),
    temperature: options.temperature ?? READER_DEFAULTS.temperature,
    maxTokens: positiveInteger('maxTokens', options.maxTokens ?? READER_DEFAULTS.maxTokens),
    harmMaxTokens: positiveInteger('harmMaxTokens', options.harmMaxTokens ?? READER_DEFAULTS.harmMaxTokens),
    worldLine,
  };
  const datasetSha256 = options.datasetSha256 ?? sha256Hex(canonicalJson(options.examples));
  const { reader, prompts, samples, temperature, maxTokens, harmMaxTokens } = settings;
  return {
    ref,
    encoding,
    datasetSha256,
    chunks: packChunks(options.examples, chunkTokens, encoding),
    settings,
    harmThreshold: options.harmThreshold ?? READER_DEFAULTS.harmThreshold,
    runIds: {
      map: stageRunId('map', datasetSha256, { reader, prompt: prompts.map, samples, temperature, maxTokens, chunkTokens, worldLine: worldLine ?? null }),
      harm: stageRunId('harm', datasetSha256, { reader, prompt: prompts.harm, harmMaxTokens }),
    },
  };
}
