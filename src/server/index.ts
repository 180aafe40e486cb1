// The serve library's public face: start a server, its options, what tests of clients read back,
// and the names and rules of its fine-tuning service.
export { startServer, type RunningServer, type StartServerOptions } from './server.js';
export { listen, ListenError } from './listen.js';
export { checkApiKey } from './auth.js';
export { serveOptionsSchema, type ServeOptions, type ResolvedServeOptions } from './options.js';
export { FAULT_KINDS, faultSpecSchema, faultRatesSchema, createFaultPicker, type FaultKind, type FaultRates } from './faults.js';
export { sampleKey, type ServerStats, type Outcome, type SampleFields, type CreatedKind } from './stats.js';
export { parseChatBody, sampleFields, toChatRequest, DEFAULT_MAX_TOKENS, type ChatBody } from './chat-request.js';
export { RateLimiter, type RateLimits, type Admission } from './rate-limit.js';
export { formatDuration } from './duration.js';
export { serviceRoot } from './service/service.js';
export { storedFineTunedModels } from './service/stored-models.js';
export { FT_ORGANIZATION, fineTunedModelName, checkpointModelName } from './fine-tuning/names.js';
export { SANDBOX_MODE_KEY, DEFAULT_SANDBOX_MODE, MAX_SUFFIX_LENGTH } from './fine-tuning/params.js';
export { resolveHyperparameters, AUTO_BATCH_SIZE, AUTO_LEARNING_RATE_MULTIPLIER, type AskedHyperparameters, type ResolvedHyperparameters } from './fine-tuning/hyperparameters.js';
export { BATCH_ENDPOINT } from './batches/routes.js';
export { MAX_BATCH_REQUESTS } from './batches/input.js';
export type { BatchObject, BatchStatus } from './batches/batch-record.js';
export type { FineTuningJobObject } from './fine-tuning/job-record.js';
