// OpenAI's published OpenAPI description, read from the shared mirror (never copied into the repo),
// and the schemas of the responses it documents.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './paths.js';
import { SchemaValidator, type Schema, type SchemaIssue } from './json-schema.js';

/** The mirror of openai/openai-openapi (see its SOURCE.md). */
export const OPENAPI_MIRROR = resolve(process.env.WEIRDGEN_OPENAPI_MIRROR ?? join(REPO_ROOT, '..', 'shared', 'data', 'openai-openapi'));

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

export class OpenAiSpec {
  private readonly doc: OpenApiDocument;
  /** Schemas OpenAI documented once and dropped later (the lines of batch files). */
  private readonly archived: Record<string, Schema>;
  private readonly validator = new SchemaValidator((ref) => this.component(ref.replace('#/components/schemas/', '')));

  constructor(dir = OPENAPI_MIRROR) {
    this.doc = parse(readFileSync(join(dir, 'openapi.yaml'), 'utf8'), { maxAliasCount: -1 }) as OpenApiDocument;
    this.archived = parse(readFileSync(join(dir, 'batch-request-schemas.yaml'), 'utf8')) as Record<string, Schema>;
  }

  component(name: string): Schema {
    const schema = this.doc.components.schemas[name] ?? this.archived[name];
    if (!schema) throw new Error(`no schema named ${name} in OpenAI's description`);
    return schema;
  }

  /** The schema of a documented answer: `response('/chat/completions', 'post')` (paths without /v1). */
  response(path: string, method: string, status = '200', contentType = 'application/json'): Schema {
    const schema = this.doc.paths[path]?.[method]?.responses?.[status]?.content?.[contentType]?.schema;
    if (!schema) throw new Error(`OpenAI's description documents no ${contentType} answer ${status} to ${method.toUpperCase()} ${path}`);
    return schema;
  }

  validate(schema: Schema, value: unknown): SchemaIssue[] {
    return this.validator.validate(schema, value);
  }
}
