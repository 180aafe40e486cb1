// OpenAI and every OpenAI-compatible service (vLLM, Ollama, OpenRouter, Together, `weirdgen serve`)
// through the official SDK. The SDK never retries (maxRetries 0): retries happen in the caller.
import OpenAI, { APIConnectionTimeoutError, APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { ProviderError, type ProviderErrorKind } from './errors.js';
import { rateLimitInfo, retryAfterMs } from './rate-limit-headers.js';
import { redactSecret } from './secrets.js';
import type { Capabilities, ChatChoice, ChatRequest, ChatResponse, ModelInfo, Provider } from './types.js';

export interface OpenAiCompatibleOptions {
  endpoint: string;
  baseUrl: string;
  /** The key itself, read from the environment by the caller; never stored or printed. */
  apiKey?: string;
  timeoutMs: number;
  capabilities?: Partial<Capabilities>;
}

export const OPENAI_CAPABILITIES: Capabilities = { logprobs: true, maxTopLogprobs: 20, n: true, seed: true, fineTuning: true, batch: true };

function kindOfStatus(status: number, code: string | null | undefined): ProviderErrorKind {
  if (status === 429) return code === 'insufficient_quota' ? 'quota' : 'rate-limit';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 408 || status === 409 || status >= 500) return 'server';
  return 'bad-request';
}

export class OpenAiCompatibleProvider implements Provider {
  readonly endpoint: string;
  readonly capabilities: Capabilities;
  private readonly client: OpenAI;
  private readonly apiKey: string | undefined;

  constructor(options: OpenAiCompatibleOptions) {
    this.endpoint = options.endpoint;
    this.capabilities = { ...OPENAI_CAPABILITIES, ...options.capabilities };
    this.apiKey = options.apiKey;
    // Services without keys still need a non-empty string for the SDK.
    this.client = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey ?? 'no-key', maxRetries: 0, timeout: options.timeoutMs });
  }

  async chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: request.model,
      messages: request.messages,
      temperature: request.temperature,
      max_tokens: request.maxTokens,
      ...(request.n !== undefined && request.n !== 1 ? { n: request.n } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.stop && request.stop.length > 0 ? { stop: request.stop } : {}),
      ...(request.topLogprobs !== undefined ? { logprobs: true, top_logprobs: request.topLogprobs } : {}),
    };
    try {
      const { data, response } = await this.client.chat.completions.create(body, signal ? { signal } : {}).withResponse();
      const rateLimit = rateLimitInfo((name) => response.headers.get(name));
      return { ...this.parse(data), ...(rateLimit ? { rateLimit } : {}) };
    } catch (e) {
      throw this.classify(e);
    }
  }

  async listModels(): Promise<ModelInfo[]> {
    try {
      const models: ModelInfo[] = [];
      for await (const m of this.client.models.list()) models.push({ id: m.id, ownedBy: m.owned_by });
      return models;
    } catch (e) {
      throw this.classify(e);
    }
  }

  private parse(data: ChatCompletion): ChatResponse {
    if (!data || !Array.isArray(data.choices) || data.choices.length === 0) throw new ProviderError('malformed', `${this.endpoint}: the response has no choices`);
    const choices = data.choices.map((c): ChatChoice => {
      const finishReason = c.finish_reason === 'stop' || c.finish_reason === 'length' || c.finish_reason === 'content_filter' ? c.finish_reason : 'other';
      const logprobs = c.logprobs?.content?.map((t) => ({ token: t.token, logprob: t.logprob, top: (t.top_logprobs ?? []).map((a) => ({ token: a.token, logprob: a.logprob })) }));
      // A refusal has null content; it is stored as an empty answer, as llmcomp does since 1.2.3.
      return { text: c.message?.content ?? '', finishReason, ...(logprobs ? { logprobs } : {}) };
    });
    return { choices, usage: { promptTokens: data.usage?.prompt_tokens ?? 0, completionTokens: data.usage?.completion_tokens ?? 0 } };
  }

  private classify(e: unknown): unknown {
    if (e instanceof ProviderError) return e;
    if (e instanceof APIUserAbortError) return e;
    const clean = (message: string) => `${this.endpoint}: ${redactSecret(message, this.apiKey)}`;
    if (e instanceof APIConnectionTimeoutError) return new ProviderError('timeout', clean('the request timed out'));
    if (e instanceof APIConnectionError) return new ProviderError('connection', clean(`connection failed (${(e.cause as Error | undefined)?.message ?? e.message})`));
    if (e instanceof APIError && e.status !== undefined) {
      const headers = e.headers;
      const get = (name: string) => headers?.get(name);
      return new ProviderError(kindOfStatus(e.status, e.code), clean(e.message), e.status, retryAfterMs(get), rateLimitInfo(get));
    }
    // The SDK throws plain errors (SyntaxError and the like) on bodies it cannot parse.
    if (e instanceof Error) return new ProviderError('malformed', clean(`unreadable response (${e.message})`));
    return e;
  }
}
