// A fine-tuning job's result file: OpenAI's per-step metrics CSV (`step,train_loss,train_accuracy,
// valid_loss,valid_mean_token_accuracy`, empty cells where a step has no value), served as plain
// text or base64, parsed strictly into weirdgen's shape.
import { z } from 'zod';
import type { StepMetric } from '../store/index.js';
import { WeirdgenError } from '../util/errors.js';

/** A result file that is not the CSV it should be; `line` is 1-based in the decoded text. */
export class ResultFileError extends WeirdgenError {
  override readonly name = 'ResultFileError';
  constructor(
    readonly fileId: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`result file ${fileId}${line !== undefined ? `, line ${line}` : ''}: ${detail}`);
  }
}

/** CSV column -> field; other columns (OpenAI adds some over time) are read past. */
const COLUMNS = {
  train_loss: 'trainLoss',
  train_accuracy: 'trainAccuracy',
  valid_loss: 'validLoss',
  valid_mean_token_accuracy: 'validTokenAccuracy',
} as const satisfies Record<string, keyof StepMetric>;
type Column = keyof typeof COLUMNS;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const stepCell = z.string().regex(/^\d+$/, 'is not a step number (a non-negative integer)').transform(Number);
/** Empty, or `nan` as numpy writes a missing value: no value. */
const metricCell = z
  .string()
  .refine((s) => s === '' || /^nan$/i.test(s) || NUMBER.test(s), 'is not a number')
  .transform((s) => (NUMBER.test(s) ? Number(s) : undefined));

const issueOf = (error: z.ZodError): string => error.issues[0]?.message ?? 'is not valid';

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

/** OpenAI serves result files base64-encoded; a CSV always has a comma in its header. */
function decode(fileId: string, content: string): string {
  const text = content.replace(/^\uFEFF/, '');
  if (text.includes(',') || !BASE64.test(text.trim())) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text.replace(/\s+/g, ''), 'base64')).replace(/^\uFEFF/, '');
  } catch {
    throw new ResultFileError(fileId, 'looks like base64 but does not decode to UTF-8 text');
  }
}

export function parseResultFile(fileId: string, content: string): StepMetric[] {
  const lines = decode(fileId, content).split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  if (lines.length === 0) throw new ResultFileError(fileId, 'is empty; expected a CSV with a header line starting "step,"');
  const header = lines[0]!.split(',').map((h) => h.trim());
  if (header[0] !== 'step') throw new ResultFileError(fileId, `the header's first column is ${JSON.stringify(header[0])}; expected "step" (header: ${JSON.stringify(lines[0]!.slice(0, 120))})`, 1);
  const repeated = header.find((h, i) => header.indexOf(h) !== i);
  if (repeated !== undefined) throw new ResultFileError(fileId, `column ${JSON.stringify(repeated)} appears twice in the header`, 1);
  if (!header.some((h) => h in COLUMNS)) throw new ResultFileError(fileId, `no known metric column in the header; expected some of ${Object.keys(COLUMNS).join(', ')}`, 1);
  if (lines.length === 1) throw new ResultFileError(fileId, 'has a header but no steps');
  const metrics: StepMetric[] = [];
  const seenAt = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const cells = lines[i]!.split(',').map((c) => c.trim());
    if (cells.length !== header.length) throw new ResultFileError(fileId, `${cells.length} cells; the header has ${header.length}`, line);
    const step = stepCell.safeParse(cells[0]);
    if (!step.success) throw new ResultFileError(fileId, `step ${JSON.stringify(cells[0])} ${issueOf(step.error)}`, line);
    const before = seenAt.get(step.data);
    if (before !== undefined) throw new ResultFileError(fileId, `step ${step.data} again (first on line ${before})`, line);
    seenAt.set(step.data, line);
    const metric: StepMetric = { step: step.data };
    header.forEach((column, c) => {
      if (!(column in COLUMNS)) return;
      const value = metricCell.safeParse(cells[c]);
      if (!value.success) throw new ResultFileError(fileId, `${column} ${JSON.stringify(cells[c])} ${issueOf(value.error)}`, line);
      if (value.data !== undefined) metric[COLUMNS[column as Column]] = value.data;
    });
    metrics.push(metric);
  }
  return metrics.sort((a, b) => a.step - b.step);
}
