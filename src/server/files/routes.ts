// /v1/files: upload (multipart), list (by purpose, newest first), retrieve, content, delete.
import type { Handler } from '../exchange.js';
import { sendJson } from '../http.js';
import { invalidRequest } from '../errors.js';
import { pageQuery, paginate, queryOf } from '../lists.js';
import { requireService } from '../service/require.js';
import { readUpload } from './upload.js';

export const uploadFile: Handler = async (parts, { req, res }) => {
  const service = requireService(parts);
  const upload = await readUpload(req, parts.options.maxUploadBytes);
  const file = await service.files.create(upload.filename, upload.purpose, upload.content);
  parts.stats.created('filesCreated');
  sendJson(res, 200, file);
};

export const listFiles: Handler = async (parts, { req, res }) => {
  const query = queryOf(req.url);
  const purpose = query.get('purpose');
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalidRequest(`Invalid 'order': expected 'asc' or 'desc' (got ${JSON.stringify(order)}).`, 'order', 'invalid_value');
  let files = requireService(parts).files.list();
  if (purpose) files = files.filter((f) => f.purpose === purpose);
  if (order === 'asc') files = files.reverse();
  sendJson(res, 200, paginate(files, pageQuery(query, 10_000, 10_000)));
};

export const retrieveFile: Handler = async (parts, { res }, id = '') => sendJson(res, 200, requireService(parts).files.require(id));

export const fileContent: Handler = async (parts, { res }, id = '') => {
  const content = await requireService(parts).files.content(id);
  if (res.destroyed || res.headersSent) return;
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(content.length) });
  res.end(content);
};

export const deleteFile: Handler = async (parts, { res }, id = '') => {
  await requireService(parts).files.delete(id);
  sendJson(res, 200, { id, object: 'file', deleted: true });
};
