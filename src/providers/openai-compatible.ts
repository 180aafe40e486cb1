// OpenAI and every OpenAI-compatible service (vLLM, Ollama, OpenRouter, Together, `weirdgen serve`)
// through the official SDK. The SDK never retries (maxRetries 0): retries happen in the caller.
import OpenAI from 'openai';
import { chatBody, parseChatCompletion } from './chat-body.js';
import { chunkEvents } from './chat-chunk.js';
import { httpFetch, type HttpFetch } from './http-fetch.js';
import { rateLimitInfo } from './rate-limit-headers.js';
import { OpenAiRemoteApi } from './openai-remote-api.js';
import type { RemoteApi } from './remote-api.js';
import { classifySdkError } from './sdk-errors.js';
import type { Capabilities, ChatRequest, ChatResponse, ChatStreamEvent, ModelInfo, Provider } from './types.js';

export interface OpenAiCompatibleOptions {
  endpoint: string;
  baseUrl: string;
  /** The key itself, read from the environment by the caller; never stored or printed. */
  apiKey?: string;
  project?: string;
  timeoutMs: number;
  capabilities?: Partial<Capabilities>;
}

export const OPENAI_CAPABILITIES: Capabilities = { logprobs: true, maxTopLogprobs: 20, n: true, seed: true, fineTuning: true, batch: true };

export class OpenAiCompatibleProvider implements Provider {
  readonly endpoint: string;
  readonly capabilities: Capabilities;
  private readonly client: OpenAI;
  /** Chat completions only: whole JSON bodies through the cheaper fetch (http-fetch.ts). */
  private readonly chatClient: OpenAI;
  private readonly chatFetch: HttpFetch = httpFetch();
  private readonly apiKey: string | undefined;
  readonly remote: RemoteApi;

  constructor(options: OpenAiCompatibleOptions) {
    this.endpoint = options.endpoint;
    this.capabilities = { ...OPENAI_CAPABILITIES, ...options.capabilities };
    this.apiKey = options.apiKey;
    // Services without keys still need a non-empty string for the SDK.
    const clientOptions = { baseURL: options.baseUrl, apiKey: options.apiKey ?? 'no-key', maxRetries: 0, timeout: options.timeoutMs, ...(options.project ? { project: options.project } : {}) };
    this.client = new OpenAI(clientOptions);
    this.chatClient = new OpenAI({ ...clientOptions, fetch: this.chatFetch.fetch });
    this.remote = new OpenAiRemoteApi(this.client, this.endpoint, this.apiKey);
  }

  async chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    try {
      const { data, response } = await this.chatClient.chat.completions.create(chatBody(request), signal ? { signal } : {}).withResponse();
      const rateLimit = rateLimitInfo((name) => response.headers.get(name));
      return { ...parseChatCompletion(data, this.endpoint), ...(rateLimit ? { rateLimit } : {}) };
    } catch (e) {
      throw classifySdkError(e, this.endpoint, this.apiKey);
    }
  }

  /** Passed through as the upstream streams it; usage is always asked for (the client may not want it). */
  async *chatStream(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent> {
    try {
      const stream = await this.client.chat.completions.create({ ...chatBody(request), stream: true, stream_options: { include_usage: true } }, signal ? { signal } : {});
      for await (const chunk of stream) yield* chunkEvents(chunk);
    } catch (e) {
      throw classifySdkError(e, this.endpoint, this.apiKey);
    }
  }

  async close(): Promise<void> {
    this.chatFetch.close();
  }

  async listModels(): Promise<ModelInfo[]> {
    try {
      const models: ModelInfo[] = [];
      for await (const m of this.client.models.list()) models.push({ id: m.id, ownedBy: m.owned_by });
      return models;
    } catch (e) {
      throw classifySdkError(e, this.endpoint, this.apiKey);
    }
  }
}
