// The providers layer's face: the Provider interface, model references, endpoints, errors and their retry policy, remote APIs.
export { chatBody, parseChatCompletion } from './chat-body.js';
export { streamChat } from './chat-stream.js';
export { BUILTIN_ENDPOINTS, Endpoints, SANDBOX_ENDPOINT, SERVED_ENDPOINT } from './endpoints.js';
export { ProviderError, type ProviderErrorKind } from './errors.js';
export { checkModelRefs } from './check-models.js';
export { looksLikeOpenAiModel, parseModelRef } from './model-ref.js';
export { ParameterError } from './parameter-error.js';
export { type BatchStatus, type Hyperparameters, type HyperparameterValue, type JobStatus, type RemoteApi, type RemoteBatch, type RemoteCheckpoint, type RemoteEvent, type RemoteJob, TERMINAL_BATCH_STATUSES, TERMINAL_JOB_STATUSES } from './remote-api.js';
export { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy, withRetries } from './retry-policy.js';
export { SANDBOX_MAX_TOKENS, type ExtraModels, SandboxProvider } from './sandbox.js';
export { bodyExcerpt } from './secrets.js';
export { estimatePromptTokens } from './token-estimate.js';
export type { CallerIds, Capabilities, ChatChoice, ChatMessage, ChatRequest, ChatResponse, ChatStreamEvent, ModelInfo, Provider, RateLimitInfo, TokenLogprob, TopLogprob, Usage } from './types.js';
