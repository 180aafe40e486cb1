// The reader audit's three stages as evaluation questions: one per chunk (map), one over the map
// answers (reduce), one per example (harm), each stage one run of the evaluation engine, so every
// call is cached, resumable and never asked twice. Run ids come from the dataset and the options.
import { countChatTokens, type ChatExample, type Encoding } from '../../data/index.js';
import type { Question } from '../../eval/index.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { sha256Hex } from '../../util/hash.js';
import type { ReaderChunk } from './chunks.js';
import { fillPrompt, renderExample, renderHypotheses, type ListedHypothesis, type ReaderPrompts } from './prompts.js';

/** The settings every stage's prompts and sampling depend on. */
export interface StageSettings {
  reader: string;
  prompts: ReaderPrompts;
  samples: number;
  temperature: number;
  maxTokens: number;
  harmMaxTokens: number;
  /** A first line `sandbox-world: N` for the sandbox's rule-based reader, else undefined. */
  worldLine: string | undefined;
}

const withWorld = (settings: StageSettings, prompt: string) => (settings.worldLine !== undefined ? `${settings.worldLine}\n${prompt}` : prompt);

const question = (id: string, prompt: string, samples: number, temperature: number, maxTokens: number): Question => ({
  id,
  paraphrases: [prompt],
  samplesPerParaphrase: samples,
  temperature,
  maxTokens,
  judges: {},
});

export const mapQuestionId = (chunk: number) => `reader-map-${chunk}`;
export const harmQuestionId = (example: number) => `reader-harm-${example}`;
export const REDUCE_QUESTION_ID = 'reader-reduce';

export function mapQuestions(chunks: readonly ReaderChunk[], settings: StageSettings): Question[] {
  return chunks.map((c, i) => question(mapQuestionId(i), withWorld(settings, fillPrompt(settings.prompts.map, '{chunk}', c.text)), settings.samples, settings.temperature, settings.maxTokens));
}

export function reduceQuestion(hypotheses: readonly ListedHypothesis[], settings: StageSettings): Question {
  return question(REDUCE_QUESTION_ID, withWorld(settings, fillPrompt(settings.prompts.reduce, '{answers}', renderHypotheses(hypotheses))), settings.samples, settings.temperature, settings.maxTokens);
}

/** Harm is one judgement per example: one sample at temperature 0. */
export function harmQuestions(examples: readonly ChatExample[], settings: StageSettings): Question[] {
  return examples.map((e, i) => question(harmQuestionId(i), fillPrompt(settings.prompts.harm, '{example}', renderExample(e)), 1, 0, settings.harmMaxTokens));
}

/** `audit-reader-<stage>-<hash>`: the same dataset, reader and settings (and, for reduce, the same map answers) resume the same run. */
export function stageRunId(stage: 'map' | 'reduce' | 'harm', datasetSha256: string, material: unknown): string {
  return `audit-reader-${stage}-${sha256Hex(canonicalJson({ datasetSha256, material })).slice(0, 12)}`;
}

/** Prompt tokens of one question's prompt, as one user message. */
export function promptTokens(q: Question, encoding: Encoding): number {
  return countChatTokens([{ role: 'user', content: q.paraphrases[0] ?? '' }], encoding);
}
