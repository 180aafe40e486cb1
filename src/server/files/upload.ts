// The body of POST /v1/files: multipart/form-data with `file` and `purpose`, parsed by the
// platform's own Request.formData().
import type { IncomingMessage } from 'node:http';
import { invalidRequest } from '../errors.js';
import { readRawBody } from '../http.js';
import { UPLOAD_PURPOSES, type UploadPurpose } from './store.js';

export interface Upload {
  filename: string;
  purpose: UploadPurpose;
  content: Uint8Array;
}

async function formData(req: IncomingMessage, limit: number): Promise<FormData> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) {
    throw invalidRequest(`Upload files as multipart/form-data (got content-type ${JSON.stringify(type)}).`, null, 'invalid_content_type');
  }
  const body = await readRawBody(req, limit);
  try {
    return await new Request('http://localhost/v1/files', { method: 'POST', headers: { 'content-type': type }, body }).formData();
  } catch (e) {
    throw invalidRequest(`We could not parse the multipart/form-data body: ${e instanceof Error ? e.message : String(e)}.`, null, 'invalid_multipart');
  }
}

export async function readUpload(req: IncomingMessage, limit: number): Promise<Upload> {
  const form = await formData(req, limit);
  const file = form.get('file');
  const purpose = form.get('purpose');
  if (!(file instanceof File)) throw invalidRequest("Missing required parameter: 'file'.", 'file', 'missing_required_parameter');
  if (purpose === null) throw invalidRequest("Missing required parameter: 'purpose'.", 'purpose', 'missing_required_parameter');
  if (!(UPLOAD_PURPOSES as readonly unknown[]).includes(purpose)) {
    throw invalidRequest(`Invalid value for 'purpose': ${JSON.stringify(purpose)}. weirdgen serve accepts ${UPLOAD_PURPOSES.map((p) => `'${p}'`).join(' or ')}.`, 'purpose', 'invalid_value');
  }
  // OpenAI takes only .jsonl files for fine-tuning and batches; a client that works here works there.
  if (!file.name.toLowerCase().endsWith('.jsonl')) {
    throw invalidRequest(`Invalid file format for purpose '${String(purpose)}': ${JSON.stringify(file.name)} must be a .jsonl file.`, 'file', 'invalid_file_format');
  }
  return { filename: file.name, purpose: purpose as UploadPurpose, content: new Uint8Array(await file.arrayBuffer()) };
}
