// A batch's input file, checked line by line as OpenAI checks it before running anything: JSON,
// a unique custom_id, method POST, the batch's endpoint as url, and an object body.
import type { BatchError } from 'openai/resources/batches';
import { LineSplitter } from '../../data/index.js';

export interface BatchRequestLine {
  line: number;
  customId: string;
  body: Record<string, unknown>;
}

export type BatchInput = { ok: true; requests: BatchRequestLine[] } | { ok: false; errors: BatchError[] };

/** OpenAI's limit on requests per batch. */
export const MAX_BATCH_REQUESTS = 50_000;
/** Errors reported on a failed batch, at most. */
const MAX_ERRORS = 100;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkLine(value: unknown, line: number, endpoint: string, seen: Set<string>): BatchError | BatchRequestLine {
  if (!isObject(value)) return { code: 'invalid_request', line, message: 'Each line must be a JSON object.', param: null };
  const { custom_id: customId, method, url, body } = value;
  if (typeof customId !== 'string' || customId === '') return { code: 'missing_required_parameter', line, message: "Each request needs a 'custom_id' string.", param: 'custom_id' };
  if (seen.has(customId)) {
    return { code: 'duplicate_custom_id', line, message: `The custom_id '${customId}' is a duplicate of another request's. The custom_id parameter must be unique for each request in a batch.`, param: 'custom_id' };
  }
  if (method !== 'POST') return { code: 'invalid_method', line, message: `The method must be 'POST' (got ${JSON.stringify(method)}).`, param: 'method' };
  if (url !== endpoint) return { code: 'invalid_url', line, message: `The url ${JSON.stringify(url)} does not match the batch's endpoint '${endpoint}'.`, param: 'url' };
  if (!isObject(body)) return { code: 'invalid_request', line, message: "Each request needs a 'body' object.", param: 'body' };
  seen.add(customId);
  return { line, customId, body };
}

export function parseBatchInput(content: Uint8Array, endpoint: string): BatchInput {
  const splitter = new LineSplitter();
  const requests: BatchRequestLine[] = [];
  const errors: BatchError[] = [];
  const seen = new Set<string>();
  for (const raw of [...splitter.push(content), ...splitter.end()]) {
    if ('text' in raw && raw.text.trim() === '') continue;
    let value: unknown;
    try {
      if (!('text' in raw)) throw new Error('not UTF-8');
      value = JSON.parse(raw.text);
    } catch {
      errors.push({ code: 'invalid_json_line', line: raw.line, message: 'This line is not parseable as valid JSON.', param: null });
      continue;
    }
    const checked = checkLine(value, raw.line, endpoint, seen);
    if ('customId' in checked) requests.push(checked);
    else errors.push(checked);
  }
  if (errors.length === 0 && requests.length === 0) errors.push({ code: 'empty_file', line: null, message: 'The input file holds no requests.', param: null });
  if (requests.length > MAX_BATCH_REQUESTS) {
    errors.push({ code: 'too_many_requests', line: null, message: `The input file holds ${requests.length} requests; a batch may have at most ${MAX_BATCH_REQUESTS}.`, param: null });
  }
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, MAX_ERRORS) } : { ok: true, requests };
}
