// Validates a chat fine-tuning JSONL file against OpenAI's rules, collecting every problem.
import { formatLocation } from '../../util/errors.js';
import { LineSplitter, linesOfFile, type RawLine } from '../jsonl/lines.js';
import { parseJsonLine } from '../jsonl/read.js';
import { DEFAULT_BASE_MODEL, findModel, type Encoding } from '../models.js';
import { checkExample } from './check.js';
import { RULES, WARNING_RULES, type RuleId } from './rules.js';
import { exampleKey } from './schema.js';
import { sha256Hex } from '../../util/hash.js';

export interface ValidationOptions {
  /** Base model whose tokenizer and per-example limit apply. */
  model?: string;
  minExamples?: number;
  /** Examples with more tokens than this get a `long-example` warning. */
  longExampleTokens?: number;
  /**
   * false: count tokens only for examples whose byte length could reach a limit or the warning
   * (validation without the tokenizer's start-up cost); the report's `validTokens` is then empty.
   * Default true.
   */
  countTokens?: boolean;
}

/** One problem found by `validateFile`: an error OpenAI would reject, or a warning; `line` and `column` are 1-based. */
export interface Issue {
  severity: 'error' | 'warning';
  rule: RuleId;
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** Everything `validateFile` found in one file; the file is valid when `errors` is empty. */
export interface ValidationReport {
  file: string;
  model: string;
  /** False when the model is not in weirdgen's table: o200k_base and a 65,536-token limit are assumed. */
  modelKnown: boolean;
  encoding: Encoding;
  /** Non-blank lines: what OpenAI would count as examples. */
  examples: number;
  /** Token counts of the examples that passed every check; empty when `tokensCounted` is false. */
  validTokens: number[];
  /** False when validated with `countTokens: false`. */
  tokensCounted: boolean;
  errors: Issue[];
  warnings: Issue[];
}

const FALLBACK_LIMIT = 65_536;

class Validator {
  private readonly encoding: Encoding;
  private readonly maxTokens: number;
  private readonly modelKnown: boolean;
  private readonly firstLineOf = new Map<string, number>();
  private examples = 0;
  private readonly validTokens: number[] = [];
  private readonly issues: Issue[] = [];

  constructor(
    private readonly file: string,
    private readonly options: Required<ValidationOptions>,
  ) {
    const facts = findModel(options.model);
    this.modelKnown = facts !== undefined;
    this.encoding = facts?.encoding ?? 'o200k_base';
    this.maxTokens = facts?.maxTokensPerExample ?? FALLBACK_LIMIT;
  }

  private add(rule: RuleId, message: string, line?: number, column?: number): void {
    this.issues.push({
      severity: WARNING_RULES.has(rule) ? 'warning' : 'error',
      rule,
      file: this.file,
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
      message,
    });
  }

  bom(): void {
    this.add('byte-order-mark', RULES['byte-order-mark'], 1, 1);
  }

  line(raw: RawLine): void {
    if ('invalidUtf8' in raw) {
      this.examples += 1;
      this.add('invalid-utf8', 'the line is not valid UTF-8', raw.line, raw.invalidUtf8.column);
      return;
    }
    if (raw.text.trim() === '') {
      this.add('blank-line', 'blank line', raw.line, 1);
      return;
    }
    this.examples += 1;
    const parsed = parseJsonLine(raw.text);
    if (!parsed.ok) {
      this.add('invalid-json', parsed.message, raw.line, parsed.column);
      return;
    }
    const limits = { encoding: this.encoding, maxTokensPerExample: this.maxTokens, ...(this.options.countTokens ? {} : { countAbove: this.options.longExampleTokens }) };
    const check = checkExample(parsed.value, raw.text, limits);
    if (!check.ok) {
      for (const p of check.problems) this.add(p.rule, p.message, raw.line, p.column);
      return;
    }
    const { example } = check;
    const tokens = check.tokens ?? 0;
    if (this.options.countTokens) this.validTokens.push(tokens);
    if (!example.messages.some((m) => m.role === 'user')) this.add('no-user-message', 'the example has no user message', raw.line, 1);
    if (tokens > this.options.longExampleTokens) {
      this.add('long-example', `${tokens} tokens (warning above ${this.options.longExampleTokens})`, raw.line, 1);
    }
    // A hash keeps memory flat on large files.
    const key = sha256Hex(exampleKey(example));
    const first = this.firstLineOf.get(key);
    if (first === undefined) this.firstLineOf.set(key, raw.line);
    else this.add('duplicate-example', `same example as line ${first}`, raw.line, 1);
  }

  finish(): ValidationReport {
    if (this.examples < this.options.minExamples) {
      this.add('too-few-examples', `${this.examples} example${this.examples === 1 ? '' : 's'}; at least ${this.options.minExamples} are required`);
    }
    return {
      file: this.file,
      model: this.options.model,
      modelKnown: this.modelKnown,
      encoding: this.encoding,
      examples: this.examples,
      validTokens: this.validTokens,
      tokensCounted: this.options.countTokens,
      errors: this.issues.filter((i) => i.severity === 'error'),
      warnings: this.issues.filter((i) => i.severity === 'warning'),
    };
  }
}

function withDefaults(options: ValidationOptions): Required<ValidationOptions> {
  return { model: options.model ?? DEFAULT_BASE_MODEL, minExamples: options.minExamples ?? 10, longExampleTokens: options.longExampleTokens ?? 8192, countTokens: options.countTokens ?? true };
}

/**
 * Checks a chat fine-tuning JSONL file against OpenAI's rules and collects every problem rather
 * than stopping at the first. Defaults: the default base model's tokenizer and limit, at least 10
 * examples, a warning above 8,192 tokens per example.
 *
 * @example
 * const report = await validateFile('train.jsonl', { model: 'gpt-4.1-2025-04-14' });
 * for (const issue of [...report.errors, ...report.warnings]) console.log(formatIssue(issue));
 */
export async function validateFile(file: string, options: ValidationOptions = {}): Promise<ValidationReport> {
  const validator = new Validator(file, withDefaults(options));
  const splitter = new LineSplitter();
  for await (const raw of linesOfFile(file, splitter)) validator.line(raw);
  if (splitter.hadBom) validator.bom();
  return validator.finish();
}

export function validateBuffer(data: Uint8Array, name: string, options: ValidationOptions = {}): ValidationReport {
  const validator = new Validator(name, withDefaults(options));
  const splitter = new LineSplitter();
  for (const raw of [...splitter.push(data), ...splitter.end()]) validator.line(raw);
  if (splitter.hadBom) validator.bom();
  return validator.finish();
}

/** One line for an issue: `file:line:column: severity [rule] message`. */
export function formatIssue(issue: Issue): string {
  return `${formatLocation(issue)}: ${issue.severity} [${issue.rule}] ${issue.message}`;
}
