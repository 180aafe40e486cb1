// The server's provider once it fine-tunes: its own fine-tuned models from the sandbox, every
// other model from the provider it was started with.
import { SandboxProvider, streamChat, type ChatRequest, type ChatResponse, type ChatStreamEvent, type ModelInfo, type Provider } from '../../providers/index.js';
import type { FineTunedModels } from '../fine-tuning/models.js';

export class ServiceProvider implements Provider {
  readonly endpoint: string;
  readonly capabilities: Provider['capabilities'];
  private readonly tuned: SandboxProvider;

  constructor(
    private readonly upstream: Provider,
    private readonly models: FineTunedModels,
    workspace: string,
  ) {
    this.endpoint = upstream.endpoint;
    this.capabilities = upstream.capabilities;
    this.tuned = new SandboxProvider(workspace, { extraModels: models });
  }

  chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    return this.models.has(request.model) ? this.tuned.chat(request) : this.upstream.chat(request, signal);
  }

  chatStream(request: ChatRequest, signal?: AbortSignal): AsyncIterable<ChatStreamEvent> {
    return this.models.has(request.model) ? streamChat(this.tuned, request) : streamChat(this.upstream, request, signal);
  }

  /** The sandbox vocabulary of the fine-tuned models (every other model's is the upstream's business). */
  vocabulary(): readonly string[] {
    return this.tuned.vocabulary();
  }

  async listModels(): Promise<ModelInfo[]> {
    const upstream = await this.upstream.listModels();
    const known = new Set(upstream.map((m) => m.id));
    return [...upstream, ...(await this.models.list()).filter((m) => !known.has(m.id))];
  }

  /** Closes what this provider made; the upstream belongs to whoever started the server. */
  close(): Promise<void> {
    return this.tuned.close();
  }
}
