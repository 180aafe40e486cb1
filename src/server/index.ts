// The serve library's public face: start a server, its options, and what tests of clients read back.
export { startServer, type RunningServer, type StartServerOptions } from './server.js';
export { serveOptionsSchema, type ServeOptions, type ResolvedServeOptions } from './options.js';
export { FAULT_KINDS, faultSpecSchema, faultRatesSchema, createFaultPicker, type FaultKind, type FaultRates } from './faults.js';
export { sampleKey, type ServerStats, type Outcome, type SampleFields } from './stats.js';
export { parseChatBody, sampleFields, toChatRequest, DEFAULT_MAX_TOKENS, type ChatBody } from './chat-request.js';
export { RateLimiter, type RateLimits, type Admission } from './rate-limit.js';
export { formatDuration } from './duration.js';
