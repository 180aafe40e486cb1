// Judge prompt templates with Python str.format semantics ({question}, {answer}, {{ and }}), as llmcomp fills them.
import { WeirdgenError } from '../util/errors.js';

export type TemplateField = 'question' | 'answer';

export interface TemplateValues {
  question: string;
  answer: string;
}

type TemplatePart = { literal: string } | { field: TemplateField };

/** A template that Python's str.format(question=..., answer=...) would reject; `offset` is where, in the template. */
export class TemplateError extends WeirdgenError {
  override readonly name = 'TemplateError';
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const FIELDS: readonly string[] = ['question', 'answer'];

function where(template: string, offset: number): string {
  const before = template.slice(0, offset).split('\n');
  return `template line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function fail(template: string, offset: number, what: string): never {
  throw new TemplateError(offset, `${where(template, offset)}: ${what} (write {{ and }} for literal braces)`);
}

function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '}') {
      if (template[i + 1] !== '}') fail(template, i, "single '}' with no matching '{'");
      literal += '}';
      i += 2;
      continue;
    }
    if (ch !== '{') {
      literal += ch;
      i += 1;
      continue;
    }
    if (template[i + 1] === '{') {
      literal += '{';
      i += 2;
      continue;
    }
    const close = template.indexOf('}', i + 1);
    const nested = template.indexOf('{', i + 1);
    if (close === -1) fail(template, i, "'{' is never closed");
    if (nested !== -1 && nested < close) fail(template, i, `nested braces in placeholder "${template.slice(i, close + 1)}"`);
    const name = template.slice(i + 1, close);
    if (!FIELDS.includes(name)) {
      fail(template, i, `unknown placeholder "{${name}}": only {question} and {answer} are filled in`);
    }
    if (literal) parts.push({ literal });
    literal = '';
    parts.push({ field: name as TemplateField });
    i = close + 1;
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** Throws a TemplateError unless the template is valid and uses every field in `required`. */
export function validateTemplate(template: string, required: readonly TemplateField[] = []): void {
  const used = templateFields(template);
  const missing = required.filter((f) => !used.includes(f));
  if (missing.length > 0) throw new TemplateError(0, `template never uses ${missing.map((f) => `{${f}}`).join(' or ')}`);
}

/** The fields a template uses, in the order question, answer. Throws a TemplateError on a bad template. */
export function templateFields(template: string): TemplateField[] {
  const used = new Set(parseTemplate(template).flatMap((p) => ('field' in p ? [p.field] : [])));
  return (['question', 'answer'] as const).filter((f) => used.has(f));
}

/** Fills the template; substituted text is never itself parsed for braces. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return parseTemplate(template)
    .map((p) => ('field' in p ? values[p.field] : p.literal))
    .join('');
}
