// HTML escaping: every string that reaches report.html (model answers above all) goes through here.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A tagged template that escapes every interpolated value; `raw()` marks markup built here. */
export class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export function raw(html: string): Markup {
  return new Markup(html);
}

type Part = string | number | boolean | null | undefined | Markup | readonly Part[];

function part(value: Part): string {
  if (value instanceof Markup) return value.html;
  if (Array.isArray(value)) return value.map((v: Part) => part(v)).join('');
  return escapeHtml(value as string | number | boolean | null | undefined);
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Markup {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1]!;
  });
  return new Markup(out);
}
