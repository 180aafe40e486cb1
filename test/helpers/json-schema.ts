// A small validator of values against OpenAPI 3.x schemas (3.0's `nullable` and 3.1's type lists):
// $ref, allOf/anyOf/oneOf, const, enum, type, required, properties, additionalProperties, items.
// What it reports is what a client relying on the published schema would trip over.

export type Schema = { readonly [key: string]: unknown };

export interface SchemaIssue {
  /** Where in the value: `$.choices[0].finish_reason`. */
  at: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

export class SchemaValidator {
  constructor(
    /** `#/components/schemas/Name` -> schema. */
    private readonly resolveRef: (ref: string) => Schema,
  ) {}

  validate(schema: Schema, value: unknown, at = '$'): SchemaIssue[] {
    if (schema.nullable === true && value === null) return [];
    if (typeof schema.$ref === 'string') {
      const { $ref, ...siblings } = schema;
      return [...this.validate(this.resolveRef($ref), value, at), ...this.validate(siblings, value, at)];
    }
    const issues: SchemaIssue[] = [];
    const fail = (message: string) => issues.push({ at, message });
    if (Array.isArray(schema.allOf)) for (const part of schema.allOf as Schema[]) issues.push(...this.validate(part, value, at));
    if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((s) => this.validate(s, value, at).length === 0)) {
      fail(`matches none of anyOf: ${this.closest(schema.anyOf as Schema[], value, at)}`);
    }
    if (Array.isArray(schema.oneOf)) {
      const matching = (schema.oneOf as Schema[]).filter((s) => this.validate(s, value, at).length === 0).length;
      if (matching === 0) fail(`matches none of oneOf: ${this.closest(schema.oneOf as Schema[], value, at)}`);
      else if (matching > 1 && !schema.discriminator) fail(`matches ${matching} branches of oneOf`);
    }
    if ('const' in schema && !equal(schema.const, value)) fail(`is ${describe(value)}, not the constant ${describe(schema.const)}`);
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => equal(e, value))) fail(`is ${describe(value)}, not one of ${describe(schema.enum)}`);
    if (schema.type !== undefined) {
      const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
      if (!types.some((t) => typeMatches(t, value))) return [...issues, { at, message: `is ${describe(value)}, not of type ${types.join(' | ')}` }];
    }
    if (isObject(value)) issues.push(...this.validateObject(schema, value, at));
    if (Array.isArray(value) && isObject(schema.items)) value.forEach((item, i) => issues.push(...this.validate(schema.items as Schema, item, `${at}[${i}]`)));
    return issues;
  }

  private validateObject(schema: Schema, value: Record<string, unknown>, at: string): SchemaIssue[] {
    const issues: SchemaIssue[] = [];
    const properties = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
    for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in value)) issues.push({ at, message: `lacks the required field '${name}'` });
    for (const [name, v] of Object.entries(value)) {
      const property = properties[name];
      if (property) issues.push(...this.validate(property, v, `${at}.${name}`));
      else if (schema.additionalProperties === false) issues.push({ at, message: `has the field '${name}', which the schema does not allow` });
      else if (isObject(schema.additionalProperties)) issues.push(...this.validate(schema.additionalProperties as Schema, v, `${at}.${name}`));
    }
    return issues;
  }

  /** The issues of the branch that came closest (of the value's type, fewest issues), to say why no branch matched. */
  private closest(branches: readonly Schema[], value: unknown, at: string): string {
    const rank = (issues: SchemaIssue[]) => (issues.some((i) => i.at === at && i.message.includes(', not of type ')) ? 1000 : 0) + issues.length;
    const best = branches.map((s) => this.validate(s, value, at)).sort((a, b) => rank(a) - rank(b))[0] ?? [];
    return best.map((i) => `${i.at} ${i.message}`).join('; ');
  }
}
