// `weirdgen/serve`: the OpenAI protocol over any provider, in-process, for tests of a user's own
// client (latency, rate limits and seeded faults included). See docs/serve.md.
export { startServer, ListenError, serveOptionsSchema, FAULT_KINDS, sampleKey } from '../server/index.js';
export type { RunningServer, StartServerOptions, ServeOptions, ResolvedServeOptions, FaultKind, FaultRates, ServerStats, Outcome } from '../server/index.js';
export { SandboxProvider } from '../providers/index.js';
export type { Provider, ChatRequest, ChatResponse } from '../providers/index.js';
