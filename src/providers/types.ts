// The one interface every model backend implements: OpenAI-compatible services and the sandbox.
import type { RemoteApi } from './remote-api.js';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** One generation option set; every provider receives the same shape. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /** Number of choices; providers without `n` support get n = 1 only. */
  n?: number;
  /** Same seed, same sample, where the provider supports it. */
  seed?: number;
  stop?: string[];
  /** Top alternatives per generated token (0..20); undefined asks for no logprobs. */
  topLogprobs?: number;
}

export interface TopLogprob {
  token: string;
  logprob: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  top: TopLogprob[];
}

export interface ChatChoice {
  text: string;
  finishReason: 'stop' | 'length' | 'content_filter' | 'other';
  logprobs?: TokenLogprob[];
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResponse {
  choices: ChatChoice[];
  usage: Usage;
  /** Rate-limit state the provider reported with this response, when it did. */
  rateLimit?: RateLimitInfo;
}

export interface RateLimitInfo {
  remainingRequests?: number;
  remainingTokens?: number;
  /** Milliseconds until the request window resets. */
  resetRequestsMs?: number;
  resetTokensMs?: number;
}

export interface Capabilities {
  logprobs: boolean;
  maxTopLogprobs: number;
  n: boolean;
  seed: boolean;
  fineTuning: boolean;
  batch: boolean;
}

export interface ModelInfo {
  id: string;
  ownedBy: string;
}

export interface Provider {
  /** The endpoint name this provider serves (`sandbox`, `openai`, a config endpoint). */
  readonly endpoint: string;
  readonly capabilities: Capabilities;
  chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
  listModels(): Promise<ModelInfo[]>;
  /** Files, fine-tuning and batches, where the provider has them (see capabilities). */
  readonly remote?: RemoteApi;
  close?(): Promise<void>;
}
