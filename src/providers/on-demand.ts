// A provider whose server starts on its first call (the workspace's sandbox server, for instance):
// making it, planning with it or reading its capabilities starts nothing.
import { streamChat } from './chat-stream.js';
import { ProviderError } from './errors.js';
import type { EndpointConfig } from './endpoints.js';
import type { CreateJobParams, RemoteApi } from './remote-api.js';
import type { Capabilities, ChatRequest, ChatResponse, ChatStreamEvent, ModelInfo, Provider } from './types.js';

/** An endpoint whose server starts when a call first needs it, and stops with Endpoints.close(). */
export interface OnDemandEndpoint {
  /** Everything but the address, known before the start: limits and capabilities stay offline. */
  config: Omit<EndpointConfig, 'baseUrl'>;
  start(): Promise<{ baseUrl: string; close(): Promise<void> }>;
  /**
   * The ids of the models the server would serve, read without starting it, so that a reference to
   * one it lacks fails before any work; without it, its models are not checked before the first call.
   */
  knownModels?(): Promise<string[]>;
}

/** What a start made: the provider that answers, and how to stop what serves it. */
export interface StartedProvider {
  provider: Provider;
  close(): Promise<void>;
}

export class OnDemandProvider implements Provider {
  readonly remote: RemoteApi;
  private started?: Promise<StartedProvider>;

  constructor(
    readonly endpoint: string,
    readonly capabilities: Capabilities,
    private readonly start: () => Promise<StartedProvider>,
  ) {
    this.remote = remoteOnDemand(async () => {
      const { remote } = await this.provider();
      if (!remote) throw new ProviderError('bad-request', `endpoint "${endpoint}" has no files, fine-tuning or batches`);
      return remote;
    });
  }

  /** Starts once; every caller waits for the same start. */
  private async provider(): Promise<Provider> {
    this.started ??= this.start().catch((e: unknown) => {
      // No retry can bring up a server that failed to start here: a fatal kind stops the run at once.
      throw new ProviderError('not-found', `endpoint "${this.endpoint}" could not start: ${e instanceof Error ? e.message : String(e)}`);
    });
    return (await this.started).provider;
  }

  async chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    return (await this.provider()).chat(request, signal);
  }

  async *chatStream(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent> {
    yield* streamChat(await this.provider(), request, signal);
  }

  async listModels(): Promise<ModelInfo[]> {
    return (await this.provider()).listModels();
  }

  /** Stops what the first call started; nothing when no call came. */
  async close(): Promise<void> {
    const started = await this.started?.catch(() => undefined);
    this.started = undefined;
    if (!started) return;
    await started.provider.close?.();
    await started.close();
  }
}

function remoteOnDemand(remote: () => Promise<RemoteApi>): RemoteApi {
  return {
    uploadFile: async (name: string, content: Uint8Array, purpose: 'fine-tune' | 'batch') => (await remote()).uploadFile(name, content, purpose),
    retrieveFile: async (id: string) => (await remote()).retrieveFile(id),
    fileContent: async (id: string) => (await remote()).fileContent(id),
    createJob: async (params: CreateJobParams) => (await remote()).createJob(params),
    retrieveJob: async (id: string) => (await remote()).retrieveJob(id),
    listJobs: async (metadata: Record<string, string>) => (await remote()).listJobs(metadata),
    cancelJob: async (id: string) => (await remote()).cancelJob(id),
    listEvents: async (id: string) => (await remote()).listEvents(id),
    listCheckpoints: async (id: string) => (await remote()).listCheckpoints(id),
    createBatch: async (inputFileId: string, metadata: Record<string, string>) => (await remote()).createBatch(inputFileId, metadata),
    retrieveBatch: async (id: string) => (await remote()).retrieveBatch(id),
    listBatches: async (metadata: Record<string, string>) => (await remote()).listBatches(metadata),
    cancelBatch: async (id: string) => (await remote()).cancelBatch(id),
  };
}
