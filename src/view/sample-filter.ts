// The samples a page asks for, as zod reads them from the query string, and as SQL over the
// index: each filter is a condition on an indexed column, search a match in the full-text index.
import { z } from 'zod';

export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const text = z.string().min(1).max(500);
const count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const rating = z.coerce.number().finite();

/** Verdict statuses a filter may ask for: judges that could not read an answer, refusals, and samples with no answer. */
export const SAMPLE_STATUSES = ['unparsed', 'refusal', 'no-answer'] as const;

export const sampleFilterSchema = z
  .strictObject({
    group: text.optional(),
    model: text.optional(),
    /** The question without its trigger condition. */
    question: text.optional(),
    /** A trigger condition; `none` for questions asked without one. */
    condition: text.optional(),
    paraphrase: count.optional(),
    /** The judge column `label`, `min` and `max` read (required with them). */
    judge: text.optional(),
    label: text.optional(),
    min: rating.optional(),
    max: rating.optional(),
    status: z.enum(SAMPLE_STATUSES).optional(),
    /** Words that must all appear in the prompt or the answer. */
    q: z.string().trim().min(1).max(500).optional(),
  })
  .refine((f) => f.judge !== undefined || (f.label === undefined && f.min === undefined && f.max === undefined), { message: 'label, min and max need judge=COLUMN (which judge column to read)' })
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, { message: 'min must not be above max' });

export type SampleFilter = z.infer<typeof sampleFilterSchema>;

export const pageSchema = z.strictObject({
  /** The ordinal of the last sample of the previous page. */
  after: count.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(PAGE_SIZE),
});

/** FTS5 syntax from a user's words: each word quoted (so no input is a syntax error), all required. */
export function matchExpression(words: string): string {
  return words
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => `"${w.replaceAll('"', '""')}"`)
    .join(' ');
}

/** The filter as a WHERE clause over `view_samples s` of run `runId`, with its parameters. */
export function filterSql(runId: string, filter: SampleFilter): { where: string; params: (string | number)[] } {
  const where = ['s.run_id = ?'];
  const params: (string | number)[] = [runId];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.group !== undefined) add('s.grp = ?', filter.group);
  if (filter.model !== undefined) add('s.model = ?', filter.model);
  if (filter.question !== undefined) add('s.base_question = ?', filter.question);
  if (filter.condition === 'none') add('s.condition IS NULL');
  else if (filter.condition !== undefined) add('s.condition = ?', filter.condition);
  if (filter.paraphrase !== undefined) add('s.paraphrase = ?', filter.paraphrase);
  if (filter.judge !== undefined) {
    const judged = ['j.sample_id = s.id', 'j.col = ?'];
    const values: (string | number)[] = [filter.judge];
    if (filter.label !== undefined) (judged.push('j.label = ?'), values.push(filter.label));
    if (filter.min !== undefined) (judged.push('j.value >= ?'), values.push(filter.min));
    if (filter.max !== undefined) (judged.push('j.value <= ?'), values.push(filter.max));
    if (filter.status === 'unparsed' || filter.status === 'refusal') (judged.push('j.status = ?'), values.push(filter.status));
    add(`EXISTS (SELECT 1 FROM view_judges j WHERE ${judged.join(' AND ')})`, ...values);
  } else if (filter.status === 'unparsed' || filter.status === 'refusal') {
    add('EXISTS (SELECT 1 FROM view_judges j WHERE j.sample_id = s.id AND j.status = ?)', filter.status);
  }
  if (filter.status === 'no-answer') add(`s.status <> 'ok'`);
  if (filter.q !== undefined) add('s.id IN (SELECT rowid FROM view_text WHERE view_text MATCH ?)', matchExpression(filter.q));
  return { where: where.join(' AND '), params };
}
