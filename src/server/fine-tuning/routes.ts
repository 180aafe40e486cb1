// /v1/fine_tuning/jobs: create, list (metadata filters), retrieve, cancel, events, checkpoints.
import { randomInt } from 'node:crypto';
import type { Handler } from '../exchange.js';
import { invalidRequest } from '../errors.js';
import { readJsonBody, sendJson } from '../http.js';
import { pageQuery, paginate, queryOf } from '../lists.js';
import { matchesMetadata, metadataFilter } from '../metadata.js';
import type { FileStore } from '../files/store.js';
import { requireService } from '../service/require.js';
import { parseJobRequest } from './params.js';

/** A file a job may train on, or the 400 OpenAI answers for one it may not. */
function checkTrainingFile(files: FileStore, id: string, param: 'training_file' | 'validation_file'): void {
  const file = files.get(id);
  if (!file) throw invalidRequest(`invalid ${param}: ${id} (no such file; upload it with purpose 'fine-tune' first)`, param, `invalid_${param}`);
  if (file.purpose !== 'fine-tune') throw invalidRequest(`invalid ${param}: ${id} has purpose '${file.purpose}'; fine-tuning files need purpose 'fine-tune'`, param, `invalid_${param}`);
}

export const createJob: Handler = async (parts, { req, res }) => {
  const service = requireService(parts);
  const request = parseJobRequest(await readJsonBody(req, parts.options.maxBodyBytes));
  const model = await service.baseModel(request.model);
  checkTrainingFile(service.files, request.trainingFile, 'training_file');
  if (request.validationFile) checkTrainingFile(service.files, request.validationFile, 'validation_file');
  const record = await service.jobs.create({ ...request, model, seed: request.seed ?? randomInt(2 ** 31) });
  parts.stats.created('fineTuningJobsCreated');
  service.runners().jobs.start(record);
  sendJson(res, 200, record.job);
};

export const listJobs: Handler = async (parts, { req, res }) => {
  const query = queryOf(req.url);
  const filter = metadataFilter(query);
  const jobs = requireService(parts)
    .jobs.list()
    .filter((r) => matchesMetadata(r.job.metadata, filter))
    .map((r) => r.job);
  sendJson(res, 200, paginate(jobs, pageQuery(query, 20, 100)));
};

export const retrieveJob: Handler = async (parts, { res }, id = '') => sendJson(res, 200, requireService(parts).jobs.require(id).job);

export const cancelJob: Handler = async (parts, { res }, id = '') => {
  const service = requireService(parts);
  const record = service.jobs.require(id);
  await service.runners().jobs.cancel(record);
  sendJson(res, 200, record.job);
};

export const listEvents: Handler = async (parts, { req, res }, id = '') => {
  const record = requireService(parts).jobs.require(id);
  // OpenAI's schema wants an object; events saved by older versions carry null.
  const events = [...record.events].reverse().map((e) => ({ ...e, data: e.data ?? {} }));
  sendJson(res, 200, paginate(events, pageQuery(queryOf(req.url), 20, 100)));
};

export const listCheckpoints: Handler = async (parts, { req, res }, id = '') => {
  const record = requireService(parts).jobs.require(id);
  sendJson(res, 200, paginate([...record.checkpoints].reverse(), pageQuery(queryOf(req.url), 10, 100)));
};
