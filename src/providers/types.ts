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
  /** Nucleus sampling (0..1); undefined or 1 samples from every token. */
  topP?: number;
  /** -2..2, OpenAI's frequency and presence penalties on tokens already generated in the completion. */
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** Token id (a decimal string, as OpenAI's JSON has it) -> bias added to its logit, -100..100. */
  logitBias?: Readonly<Record<string, number>>;
  /** Who asks, as OpenAI's fields name it: no effect on sampling; pass-through providers forward them. */
  caller?: CallerIds;
}

export interface CallerIds {
  user?: string;
  safety_identifier?: string;
  prompt_cache_key?: string;
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

/** A streamed answer as it arrives: text (with its tokens' logprobs) per choice, then how each ended, then usage. */
export type ChatStreamEvent =
  | { type: 'delta'; index: number; text: string; logprobs?: TokenLogprob[] }
  | { type: 'finish'; index: number; finishReason: ChatChoice['finishReason'] }
  | { type: 'usage'; usage: Usage };

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** A provider's answer: one choice per sample asked (`n`), and the tokens used. */
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

/** One endpoint's models behind one interface: chat (optionally streamed), model listing and, where it has them, files, fine-tuning and batches. */
export interface Provider {
  /** The endpoint name this provider serves (`sandbox`, `openai`, a config endpoint). */
  readonly endpoint: string;
  readonly capabilities: Capabilities;
  chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
  /**
   * The answer as it is generated; errors before the first event are the request's errors. Without
   * it, `streamChat` (chat-stream.ts) streams the whole answer of `chat` at once.
   */
  chatStream?(request: ChatRequest, signal?: AbortSignal): AsyncIterable<ChatStreamEvent>;
  /** The ids `logitBias` names, where the provider has its own tokenizer: token strings by id. */
  vocabulary?(): readonly string[];
  listModels(): Promise<ModelInfo[]>;
  /** Files, fine-tuning and batches, where the provider has them (see capabilities). */
  readonly remote?: RemoteApi;
  close?(): Promise<void>;
}
