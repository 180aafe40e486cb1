// /v1/batches: create, retrieve, list (newest first), cancel.
import { z } from 'zod';
import type { Handler } from '../exchange.js';
import { invalidRequest } from '../errors.js';
import { readJsonBody, sendJson } from '../http.js';
import { pageQuery, paginate, queryOf } from '../lists.js';
import { metadataSchema } from '../metadata.js';
import { fileNotFound } from '../files/store.js';
import { requireService } from '../service/require.js';
import { batchView } from './batch-view.js';
import { parseOr400 } from '../validation.js';

export const BATCH_ENDPOINT = '/v1/chat/completions';

const bodySchema = z.object({
  input_file_id: z.string().min(1),
  endpoint: z.string().min(1),
  completion_window: z.literal('24h', { error: "must be '24h'" }),
  metadata: metadataSchema.nullish(),
  output_expires_after: z.unknown().optional(),
});

export const createBatch: Handler = async (parts, { req, res }) => {
  const service = requireService(parts);
  const body = parseOr400(bodySchema, await readJsonBody(req, parts.options.maxBodyBytes));
  if (body.endpoint !== BATCH_ENDPOINT) {
    throw invalidRequest(`Invalid 'endpoint': weirdgen serve runs batches of ${BATCH_ENDPOINT} only (got ${JSON.stringify(body.endpoint)}).`, 'endpoint', 'invalid_value');
  }
  const file = service.files.get(body.input_file_id);
  if (!file) throw fileNotFound(body.input_file_id, 'input_file_id');
  if (file.purpose !== 'batch') throw invalidRequest(`The input file ${file.id} has purpose '${file.purpose}'; batch input files need purpose 'batch'.`, 'input_file_id', 'invalid_value');
  const record = await service.batches.create(file.id, body.endpoint, body.metadata ?? null);
  parts.stats.created('batchesCreated');
  service.runners().batches.start(record);
  sendJson(res, 200, batchView(record.batch));
};

export const retrieveBatch: Handler = async (parts, { res }, id = '') => sendJson(res, 200, batchView(requireService(parts).batches.require(id).batch));

export const listBatches: Handler = async (parts, { req, res }) => {
  const batches = requireService(parts)
    .batches.list()
    .map((r) => batchView(r.batch));
  sendJson(res, 200, paginate(batches, pageQuery(queryOf(req.url), 20, 100)));
};

export const cancelBatch: Handler = async (parts, { res }, id = '') => {
  const service = requireService(parts);
  sendJson(res, 200, batchView(await service.runners().batches.cancel(service.batches.require(id))));
};
