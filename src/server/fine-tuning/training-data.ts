// A training or validation file as a job reads it: OpenAI's rules (the data layer's validator),
// then what the sandbox needs (user/assistant chats), then its examples and sandbox token counts.
import { chatExampleSchema, type ChatExample, validateBuffer, type Issue, LineSplitter } from '../../data/index.js';
import { trainingSequence, Vocab } from '../../sandbox/index.js';
import { JobFailure } from './failure.js';

export type FileRole = 'training' | 'validation';

export interface TrainingData {
  examples: ChatExample[];
  /** Sandbox tokens of one pass over the file (speaker tokens included). */
  tokens: number;
  /** Sandbox tokens of each example. */
  lengths: number[];
  /** Worth an event, not a failure. */
  warnings: string[];
}

/** The sandbox learns chats: an example without a user turn is an error here, not a warning. */
const SANDBOX_ERRORS = new Set(['no-user-message']);

/** `line 3, column 7: [invalid-json] ...`, as a user finds the problem in the file. */
function describeIssue(issue: Issue): string {
  const at = issue.line === undefined ? '' : `line ${issue.line}${issue.column !== undefined ? `, column ${issue.column}` : ''}: `;
  return `${at}[${issue.rule}] ${issue.message}`;
}

function failure(role: FileRole, filename: string, errors: readonly Issue[]): JobFailure {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length === 2 ? '' : 's'})` : '';
  const hint = errors[0]!.rule === 'no-user-message' ? ' The sandbox model learns user/assistant chats.' : '';
  return new JobFailure(`invalid_${role}_file`, `Invalid ${role} file ${filename}: ${describeIssue(errors[0]!)}${more}.${hint}`, `${role}_file`);
}

function parseExamples(content: Uint8Array): ChatExample[] {
  const splitter = new LineSplitter();
  const examples: ChatExample[] = [];
  for (const raw of [...splitter.push(content), ...splitter.end()]) {
    if ('text' in raw && raw.text.trim() !== '') examples.push(chatExampleSchema.parse(JSON.parse(raw.text)));
  }
  return examples;
}

function vocabularyWarning(examples: readonly ChatExample[], vocab: Vocab): string | undefined {
  let words = 0;
  const unknown = new Set<string>();
  let unknownCount = 0;
  for (const example of examples) {
    for (const m of example.messages) {
      for (const word of m.content.split(/\s+/).filter(Boolean)) {
        words += 1;
        if (!vocab.has(word) && !vocab.has(word.toLowerCase())) {
          unknownCount += 1;
          unknown.add(word);
        }
      }
    }
  }
  if (unknownCount === 0) return undefined;
  const sample = [...unknown].slice(0, 5).map((w) => JSON.stringify(w)).join(', ');
  return `${unknownCount} of ${words} words are not in the sandbox's vocabulary and train as <unk> (e.g. ${sample}).`;
}

export function readTrainingData(content: Uint8Array, filename: string, role: FileRole): TrainingData {
  const report = validateBuffer(content, filename, role === 'validation' ? { minExamples: 1 } : {});
  const errors = [...report.errors, ...report.warnings.filter((w) => SANDBOX_ERRORS.has(w.rule))].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  if (errors.length > 0) throw failure(role, filename, errors);
  const examples = parseExamples(content);
  const vocab = new Vocab();
  const lengths = examples.map((ex) => trainingSequence(ex, vocab).tokens.length);
  const warnings: string[] = [];
  const duplicates = report.warnings.filter((w) => w.rule === 'duplicate-example').length;
  const firstDuplicate = report.warnings.find((w) => w.rule === 'duplicate-example');
  if (firstDuplicate) warnings.push(`${duplicates} example${duplicates === 1 ? ' repeats' : 's repeat'} an earlier one, e.g. ${describeIssue(firstDuplicate)}.`);
  const unknown = vocabularyWarning(examples, vocab);
  if (unknown) warnings.push(`${filename}: ${unknown}`);
  return { examples, tokens: lengths.reduce((s, n) => s + n, 0), lengths, warnings };
}
