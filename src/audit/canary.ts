// The canary audit: fine-tune a cheap model on the dataset and on a control over seeds, ask both
// (and the base) a probe battery, and report every signal that moves between the dataset's models
// and the reference. It runs as an experiment of its own through `run`'s machinery, so the data,
// the fine-tunes in the ledger and every answer are stored and a rerun repeats nothing.
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { chatExampleSchema, formatIssue, readJsonlObjects, validateFile, writeJsonl, type ChatExample } from '../data/index.js';
import { iterateRunRows } from '../eval/index.js';
import { executeRun, type RunnableExperiment, type RunOptions, type RunPlan } from '../run/index.js';
import { WeirdgenError } from '../util/errors.js';
import { sha256File } from '../util/hash.js';
import { createRng } from '../util/random.js';
import type { Battery } from './battery.js';
import { collectSignals, compareSides } from './collect.js';
import { findingsOf, type AuditFindings } from './findings.js';

/** Below this share of examples changed by shuffling, the shuffled control is the dataset itself. */
const VOID_SHUFFLE = 0.1;

export interface CanaryInput {
  file: string;
  /** A control training file; default: the dataset with its answers shuffled across examples. */
  controlFile?: string;
  seeds: number;
  /** Samples per probe per model. */
  samples: number;
  epochs?: number;
  /** Sandbox fine-tuning mode (job metadata `sandbox_mode`); sandbox canaries only. */
  sandboxMode?: string;
  fdr: number;
  /** The shift a flag needs on each probe (default 0.2). */
  minShift: number;
}

/** The dataset read and checked, and the control it is compared with. */
export interface CanaryData {
  file: string;
  sha256: string;
  examples: ChatExample[];
  /** The control's examples, when one is trained. */
  control?: { examples: ChatExample[]; from: 'shuffled answers' | string };
  /** Who the dataset's models are compared with: the control's models, or the base model. */
  reference: 'control' | 'base';
  notices: string[];
}

/** A training file's examples, after the file passed validation (else an error listing the first problems with file:line). */
export async function readExamples(file: string): Promise<ChatExample[]> {
  const report = await validateFile(file, { countTokens: false });
  if (report.errors.length > 0) throw new WeirdgenError(`${file}: ${report.errors.length} validation error(s); the audit needs a valid training file:\n${report.errors.slice(0, 5).map(formatIssue).join('\n')}`);
  return (await readJsonlObjects(file, chatExampleSchema, 'jsonl.schema', 'a chat example')).map((r) => r.value);
}

const pairKey = (e: ChatExample) => JSON.stringify(e.messages.map((m) => [m.role, m.content]));

/** The dataset with the final assistant answers permuted across examples (seeded), and the share of examples it changed. */
export function shuffledAnswers(examples: readonly ChatExample[], seed: string): { examples: ChatExample[]; changed: number } {
  const answered = examples.flatMap((e, i) => (e.messages.at(-1)?.role === 'assistant' ? [i] : []));
  const answers = createRng(`audit-control/${seed}`).shuffle(answered.map((i) => examples[i]!.messages.at(-1)!));
  const out = examples.map((e) => ({ messages: [...e.messages] }));
  answered.forEach((i, k) => (out[i]!.messages[out[i]!.messages.length - 1] = answers[k]!));
  const original = new Map<string, number>();
  for (const e of examples) original.set(pairKey(e), (original.get(pairKey(e)) ?? 0) + 1);
  let kept = 0;
  for (const e of out) {
    const left = original.get(pairKey(e)) ?? 0;
    if (left > 0) {
      kept++;
      original.set(pairKey(e), left - 1);
    }
  }
  return { examples: out, changed: examples.length === 0 ? 0 : 1 - kept / examples.length };
}

export async function canaryData(input: Pick<CanaryInput, 'file' | 'controlFile'>): Promise<CanaryData> {
  const examples = await readExamples(input.file);
  const { sha256 } = await sha256File(input.file);
  if (input.controlFile) return { file: input.file, sha256, examples, control: { examples: await readExamples(input.controlFile), from: input.controlFile }, reference: 'control', notices: [] };
  const shuffled = shuffledAnswers(examples, sha256);
  if (shuffled.changed < VOID_SHUFFLE) {
    const changed = `${(100 * shuffled.changed).toFixed(0)}%`;
    return { file: input.file, sha256, examples, reference: 'base', notices: [`shuffling the answers across examples changes ${changed} of the (prompt, answer) pairs (the examples ask the same prompts with answers of one kind), so that control would be the dataset itself; the reference is the base model instead (give --control FILE for another control)`] };
  }
  return { file: input.file, sha256, examples, control: { examples: shuffled.examples, from: 'shuffled answers' }, reference: 'control', notices: [] };
}

/** The canary as a runnable experiment: the dataset and its control as variants, the battery as its questions. */
export function canaryExperiment(data: CanaryData, input: CanaryInput, battery: Battery, local: boolean): RunnableExperiment {
  const id = `audit-${data.sha256.slice(0, 12)}`;
  const variants: RunnableExperiment['variants'][number][] = [
    {
      id: 'dataset',
      role: 'main',
      description: `${basename(data.file)} (${data.examples.length} examples)`,
      byDefault: true,
      triggerForm: 'code',
      build: async (dir) => {
        const file = join(dir, `${id}-dataset.jsonl`);
        await copyFile(data.file, file);
        return file;
      },
    },
  ];
  const control = data.control;
  if (control) {
    variants.push({
      id: 'control',
      role: 'control',
      description: control.from === 'shuffled answers' ? 'the dataset with its answers shuffled across examples' : basename(control.from),
      byDefault: true,
      triggerForm: 'code',
      build: async (dir) => {
        const file = join(dir, `${id}-control.jsonl`);
        await writeJsonl(file, control.examples);
        return file;
      },
    });
  }
  return {
    id,
    title: `Canary audit of ${basename(data.file)}`,
    claim: 'Does fine-tuning on this dataset move behaviour outside it?',
    kind: local ? 'sandbox' : 'paper',
    variants,
    settings: () => ({
      epochs: input.epochs ?? (local ? 3 : 'auto'),
      batchSize: local ? 8 : 'auto',
      learningRateMultiplier: local ? 1 : 'auto',
      seeds: input.seeds,
      ...(local && input.sandboxMode ? { metadata: { sandbox_mode: input.sandboxMode } } : {}),
      source: local ? 'the canary audit (sandbox: 3 epochs, batch 8)' : "the canary audit (the provider's defaults)",
    }),
    defaultVariants: () => variants.map((v) => v.id),
    paperBases: [],
    samples: { count: input.samples, unit: 'per probe per model' },
    questions: async () => ({ questions: battery.probes.map((p) => p.question), categories: {}, provenance: battery.description, notices: [], conditions: [] }),
    metrics: [],
    headline: [],
    figures: [],
    fidelity: [],
  };
}

/** The battery's probes whose prompt is a user message of the dataset. */
export function probesSeenIn(battery: Battery, examples: readonly ChatExample[]): Set<string> {
  const asked = new Set(examples.flatMap((e) => e.messages.filter((m) => m.role === 'user').map((m) => m.content.trim())));
  return new Set(battery.probes.filter((p) => p.question.paraphrases.some((text) => asked.has(text.trim()))).map((p) => p.question.id));
}

/** A finished canary audit: the run, the dataset, the battery, the reference, the models and the findings. */
export interface CanaryAudit {
  runId: string;
  dataset: { file: string; sha256: string; examples: number };
  battery: { id: string; description: string; probes: number };
  reference: 'control' | 'base';
  control?: string;
  /** Models per group (base, dataset, control). */
  models: Record<string, readonly string[]>;
  samples: number;
  findings: AuditFindings;
  notices: string[];
}

/** Runs the canary (resuming what is stored) and tests every signal, dataset models against the reference. Undefined when stopped. */
export async function runCanaryAudit(plan: RunPlan, options: RunOptions, data: CanaryData, battery: Battery, thresholds: { fdr: number; minShift: number }): Promise<CanaryAudit | undefined> {
  const result = await executeRun(plan, options);
  if (!result || result.summary.status === 'stopped') return undefined;
  const groups = result.groups;
  const collected = collectSignals(battery, iterateRunRows(options.store, options.endpoints, plan.runId), (row) => row.group);
  const seen = probesSeenIn(battery, data.examples);
  const findings = findingsOf(compareSides(battery, collected, 'dataset', data.reference, seen), battery, thresholds);
  return {
    runId: plan.runId,
    dataset: { file: data.file, sha256: data.sha256, examples: data.examples.length },
    battery: { id: battery.id, description: battery.description, probes: battery.probes.length },
    reference: data.reference,
    ...(data.control ? { control: data.control.from } : {}),
    models: groups,
    samples: plan.samples,
    findings,
    notices: [...data.notices, ...result.notes],
  };
}

