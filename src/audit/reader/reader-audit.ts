// The reader audit: an LLM reads the dataset chunk by chunk (map), then its own chunk answers
// (reduce), and scores each example alone for harm; every call through the evaluation engine.
import { iterateRunRows, runEvaluation, type Question } from '../../eval/index.js';
import { agreementOf, parseHarm, parseHypothesis } from './answers.js';
import type { ListedHypothesis } from './prompts.js';
import { sampleCounts, summarise, type ChunkReading, type ExampleHarm, type HarmSummary, type ReaderAuditResult, type ReaderSample } from './result.js';
import { prepare, type Prepared, type ReaderAuditOptions } from './setup.js';
import { harmQuestionId, harmQuestions, mapQuestionId, mapQuestions, REDUCE_QUESTION_ID, reduceQuestion, stageRunId } from './stages.js';

/** Answers of a stored run by question id, indexed by sample (null: no answer). */
export function storedAnswers(options: Pick<ReaderAuditOptions, 'store' | 'endpoints'>, runId: string): Map<string, (string | null)[]> {
  const answers = new Map<string, (string | null)[]>();
  for (const row of iterateRunRows(options.store, options.endpoints, runId)) {
    const list = answers.get(row.question) ?? [];
    list[row.sampleIx] = row.answer;
    answers.set(row.question, list);
  }
  return answers;
}

async function runStage(options: ReaderAuditOptions, prepared: Prepared, runId: string, questions: Question[]): Promise<{ answers: Map<string, (string | null)[]>; called: number }> {
  const outcome = await runEvaluation({
    store: options.store,
    endpoints: options.endpoints,
    prices: options.prices,
    questions,
    groups: { reader: [prepared.settings.reader] },
    runId,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  options.signal?.throwIfAborted();
  return { answers: storedAnswers(options, runId), called: outcome.summary?.answers.called ?? 0 };
}

function readSamples(answers: readonly (string | null)[] | undefined, samples: number): ReaderSample[] {
  return Array.from({ length: samples }, (_, sample) => {
    const answer = answers?.[sample] ?? null;
    const hypothesis = answer === null ? null : parseHypothesis(answer);
    return { sample, answer, hypothesis, status: answer === null ? 'unanswered' : hypothesis === null ? 'unparsed' : 'parsed' };
  });
}

/** The map answers as the reduce prompt lists them: every sample of every chunk, in order. */
export function listedHypotheses(chunks: readonly ChunkReading[]): ListedHypothesis[] {
  return chunks.flatMap((c) => c.samples.map((s) => ({ chunk: c.chunk, sample: s.sample, hypothesis: s.hypothesis })));
}

export function readChunks(prepared: Prepared, answers: ReadonlyMap<string, (string | null)[]>): ChunkReading[] {
  return prepared.chunks.map((c, chunk) => {
    const samples = readSamples(answers.get(mapQuestionId(chunk)), prepared.settings.samples);
    return { chunk, first: c.first, count: c.count, tokens: c.tokens, samples, agreement: agreementOf(samples.map((s) => s.hypothesis)) };
  });
}

/** The reduce stage's run id: from the dataset, the reader's settings and the reduce question itself (so new map answers make a new run). */
export function reduceRunId(prepared: Prepared, question: Question): string {
  return stageRunId('reduce', prepared.datasetSha256, { reader: prepared.settings.reader, question });
}

function harmSummary(examples: number, answers: ReadonlyMap<string, (string | null)[]>, threshold: number): HarmSummary {
  const perExample: ExampleHarm[] = Array.from({ length: examples }, (_, example) => {
    const answer = answers.get(harmQuestionId(example))?.[0] ?? null;
    return { example, answer, score: answer === null ? null : parseHarm(answer) };
  });
  const scores = perExample.flatMap((e) => (e.score === null ? [] : [e.score]));
  const unanswered = perExample.filter((e) => e.answer === null).length;
  const passing = scores.filter((s) => s < threshold).length;
  return {
    threshold,
    examples,
    scored: scores.length,
    unparsed: examples - scores.length - unanswered,
    unanswered,
    mean: scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    max: scores.length > 0 ? Math.max(...scores) : null,
    passing,
    passingShare: scores.length > 0 ? passing / scores.length : null,
    perExample,
  };
}

function notices(prepared: Prepared, chunks: readonly ChunkReading[], overall: readonly ReaderSample[], harm: HarmSummary): string[] {
  const lines: string[] = [];
  prepared.chunks.forEach((c, i) => {
    if (c.oversized) lines.push(`example ${c.first + 1} is longer than a chunk (${c.tokens} tokens): chunk ${i + 1} holds it alone`);
  });
  const stage = (name: string, counts: ReturnType<typeof sampleCounts>) => {
    if (counts.unparsed > 0) lines.push(`${counts.unparsed} of ${counts.total} ${name} answers have no HYPOTHESIS line`);
    if (counts.unanswered > 0) lines.push(`${counts.unanswered} of ${counts.total} ${name} calls failed (no answer)`);
  };
  stage('map', sampleCounts(chunks.flatMap((c) => c.samples)));
  stage('reduce', sampleCounts(overall));
  if (harm.unparsed > 0) lines.push(`${harm.unparsed} of ${harm.examples} harm answers hold no number from 0 to 100`);
  if (harm.unanswered > 0) lines.push(`${harm.unanswered} of ${harm.examples} harm calls failed (no answer)`);
  return lines;
}

/**
 * Reads a dataset with a reader model: map (one question per chunk, `samples` samples), reduce (one
 * question over every map sample's hypothesis) and harm (one question per example, one sample at
 * temperature 0). A rerun with the same dataset and options asks nothing new.
 *
 * @example
 * const result = await runReaderAudit({ store, endpoints, prices, reader: 'sandbox:judge', examples });
 * console.log(result.summary);
 */
export async function runReaderAudit(options: ReaderAuditOptions): Promise<ReaderAuditResult> {
  const prepared = await prepare(options);
  const map = await runStage(options, prepared, prepared.runIds.map, mapQuestions(prepared.chunks, prepared.settings));
  const chunks = readChunks(prepared, map.answers);
  const reduce = reduceQuestion(listedHypotheses(chunks), prepared.settings);
  const reduceRun = reduceRunId(prepared, reduce);
  const reduced = await runStage(options, prepared, reduceRun, [reduce]);
  const overall = readSamples(reduced.answers.get(REDUCE_QUESTION_ID), prepared.settings.samples);
  const harmed = await runStage(options, prepared, prepared.runIds.harm, harmQuestions(options.examples, prepared.settings));
  const harm = harmSummary(options.examples.length, harmed.answers, prepared.harmThreshold);
  const reduceAgreement = agreementOf(overall.map((s) => s.hypothesis));
  const reduceCounts = sampleCounts(overall);
  return {
    reader: prepared.settings.reader,
    datasetSha256: prepared.datasetSha256,
    examples: options.examples.length,
    chunks,
    mapAgreement: agreementOf(chunks.flatMap((c) => c.samples.map((s) => s.hypothesis))),
    mapCounts: sampleCounts(chunks.flatMap((c) => c.samples)),
    overall,
    reduceAgreement,
    reduceCounts,
    harm,
    runs: { map: prepared.runIds.map, reduce: reduceRun, harm: prepared.runIds.harm },
    called: map.called + reduced.called + harmed.called,
    notices: notices(prepared, chunks, overall, harm),
    summary: summarise(harm, reduceAgreement, reduceCounts),
  };
}
