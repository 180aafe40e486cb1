// Named endpoints -> providers: `sandbox` (in-process), `openai`, `local` (`weirdgen serve` on its
// default port), any endpoint of the config, and endpoints whose server starts on first use (the
// workspace's `served`); a config endpoint with replicas is a pool (pool.ts). Keys come from the
// environment only.
import type { FineTuningConfig, WeirdgenConfig } from '../config/index.js';
import { ConfigError } from '../util/errors.js';
import { formatModelRef, parseModelRef, type ModelRef } from './model-ref.js';
import { OnDemandProvider, type OnDemandEndpoint } from './on-demand.js';
import { OPENAI_CAPABILITIES, OpenAiCompatibleProvider } from './openai-compatible.js';
import { PooledProvider } from './pool.js';
import { SANDBOX_CAPABILITIES, SandboxProvider } from './sandbox.js';
import type { Capabilities, Provider } from './types.js';

/** One server of a pooled endpoint. */
export interface ReplicaConfig {
  baseUrl: string;
  apiKeyEnv?: string;
  concurrency?: number;
  rpm?: number;
  tpm?: number;
}

export interface EndpointConfig {
  /** One server, or (without it) the replicas of a pool. */
  baseUrl?: string;
  replicas?: readonly ReplicaConfig[];
  apiKeyEnv?: string;
  project?: string;
  logprobs?: boolean;
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  /** A missing key is an error for endpoints that need one. */
  keyRequired?: boolean;
  /** How its create-job body carries hyperparameters (config `fineTuning:`); undefined: the caller's default. */
  fineTuning?: FineTuningConfig;
}

export const SANDBOX_ENDPOINT = 'sandbox';
/** The workspace's own `weirdgen serve` over the sandbox (state under <workspace>/serve/), started on first use. */
export const SERVED_ENDPOINT = 'served';
export const DEFAULT_SERVE_PORT = 8787;

export const BUILTIN_ENDPOINTS: Readonly<Record<string, EndpointConfig>> = {
  openai: { baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY', keyRequired: true },
  local: { baseUrl: `http://127.0.0.1:${DEFAULT_SERVE_PORT}/v1`, apiKeyEnv: 'WEIRDGEN_SERVE_API_KEY' },
};

export interface ResolvedModel {
  ref: ModelRef;
  /** `endpoint:model`, the canonical string. */
  id: string;
  capabilities: Capabilities;
}

/** In-process calls are cheap; remote services start at a polite 32 per model. */
const DEFAULT_CONCURRENCY: Readonly<Record<string, number>> = { sandbox: 64 };
const DEFAULT_REMOTE_CONCURRENCY = 32;

/**
 * The named endpoints of a workspace (`sandbox`, `openai`, `local` and the config's) and their
 * providers, made on first use with keys from the environment; `close()` closes them all.
 */
export class Endpoints {
  private readonly configs: Record<string, EndpointConfig>;
  private readonly providers = new Map<string, Provider>();
  private readonly onDemand = new Map<string, OnDemandEndpoint>();
  readonly defaultEndpoint: string;

  constructor(
    config: WeirdgenConfig,
    private readonly env: NodeJS.ProcessEnv,
    private readonly workspace: string,
    /** Per-request timeout of remote calls. */
    readonly timeoutMs = 60_000,
  ) {
    const fromConfig = Object.fromEntries(Object.entries(config.endpoints).map(([name, e]) => [name, { ...e, keyRequired: e.apiKeyEnv !== undefined || (e.replicas ?? []).some((r) => r.apiKeyEnv !== undefined) }]));
    this.configs = { ...BUILTIN_ENDPOINTS, ...fromConfig };
    this.defaultEndpoint = config.defaults.endpoint ?? SANDBOX_ENDPOINT;
    if (!this.names.has(this.defaultEndpoint)) throw new ConfigError(`defaults.endpoint: no endpoint named "${this.defaultEndpoint}"; known: ${[...this.names].join(', ')}`);
  }

  get names(): Set<string> {
    return new Set([SANDBOX_ENDPOINT, SERVED_ENDPOINT, ...Object.keys(this.configs), ...this.onDemand.keys()]);
  }

  resolve(ref: string): ResolvedModel {
    const parsed = parseModelRef(ref, this.names, this.defaultEndpoint);
    if (!parsed.model) throw new ConfigError(`model reference "${ref}" names no model`);
    return { ref: parsed, id: formatModelRef(parsed), capabilities: this.capabilities(parsed.endpoint) };
  }

  /** Adds an endpoint whose server `start` brings up on the first call that needs it (never for plans, estimates or results). */
  registerOnDemand(name: string, endpoint: OnDemandEndpoint): void {
    this.onDemand.set(name, endpoint);
    delete this.configs[name];
    this.providers.delete(name);
  }

  /** Known without a key or a connection, so plans and results can be rebuilt offline. */
  capabilities(endpoint: string): Capabilities {
    if (endpoint === SANDBOX_ENDPOINT) return SANDBOX_CAPABILITIES;
    if (endpoint === SERVED_ENDPOINT && !this.configs[endpoint] && !this.onDemand.has(endpoint)) return OPENAI_CAPABILITIES;
    const c = this.settings(endpoint);
    return c.logprobs === false ? { ...OPENAI_CAPABILITIES, logprobs: false, maxTopLogprobs: 0 } : OPENAI_CAPABILITIES;
  }

  /** The ids of the models an endpoint started on first use would serve, read without starting it; undefined when it cannot tell. */
  knownModels(endpoint: string): Promise<string[]> | undefined {
    return this.onDemand.get(endpoint)?.knownModels?.();
  }

  /** The endpoint's project (config, else OPENAI_PROJECT_ID for openai): files are remembered per project. */
  project(endpoint: string): string | undefined {
    if (endpoint === SANDBOX_ENDPOINT) return undefined;
    return this.settings(endpoint).project ?? (endpoint === 'openai' ? this.env.OPENAI_PROJECT_ID || undefined : undefined);
  }

  /** The endpoint's `fineTuning:` section of the config, when it has one (never for the in-process sandbox). */
  fineTuning(endpoint: string): FineTuningConfig | undefined {
    return endpoint === SANDBOX_ENDPOINT ? undefined : this.settings(endpoint).fineTuning;
  }

  limits(endpoint: string, overrides: { concurrency?: number; rpm?: number; tpm?: number } = {}): { concurrency: number; rpm?: number; tpm?: number } {
    const c: Partial<EndpointConfig> = endpoint === SANDBOX_ENDPOINT ? {} : this.settings(endpoint);
    const pool = c.replicas;
    // A pool's budget is its replicas' together; a rate is summed only when every replica names one.
    const total = (of: (r: ReplicaConfig) => number | undefined) => (pool && pool.every((r) => of(r) !== undefined) ? pool.reduce((sum, r) => sum + of(r)!, 0) : undefined);
    const rpm = overrides.rpm ?? c.rpm ?? total((r) => r.rpm);
    const tpm = overrides.tpm ?? c.tpm ?? total((r) => r.tpm);
    const concurrency = overrides.concurrency ?? c.concurrency ?? (pool ? pool.reduce((sum, r) => sum + (r.concurrency ?? DEFAULT_REMOTE_CONCURRENCY), 0) : (DEFAULT_CONCURRENCY[endpoint] ?? DEFAULT_REMOTE_CONCURRENCY));
    return { concurrency, ...(rpm ? { rpm } : {}), ...(tpm ? { tpm } : {}) };
  }

  /** What is known of an endpoint before anything starts. */
  private settings(endpoint: string): Omit<EndpointConfig, 'baseUrl'> {
    return this.onDemand.get(endpoint)?.config ?? this.config(endpoint);
  }

  private config(endpoint: string): EndpointConfig {
    const c = this.configs[endpoint];
    if (!c && endpoint === SERVED_ENDPOINT) throw new ConfigError(`endpoint "${SERVED_ENDPOINT}" is the workspace's sandbox server, which these endpoints cannot start: make them with workspaceEndpoints() (the CLI always does)`);
    if (!c) throw new ConfigError(`no endpoint named "${endpoint}"; known: ${[...this.names].join(', ')} (add one under endpoints: in weirdgen.config.yaml)`);
    return c;
  }

  provider(endpoint: string): Provider {
    let provider = this.providers.get(endpoint);
    if (provider) return provider;
    if (endpoint === SANDBOX_ENDPOINT) provider = new SandboxProvider(this.workspace);
    else {
      const onDemand = this.onDemand.get(endpoint);
      provider = onDemand ? this.startedOnUse(endpoint, onDemand) : this.configured(endpoint, this.config(endpoint));
    }
    this.providers.set(endpoint, provider);
    return provider;
  }

  private openAiCompatible(endpoint: string, c: EndpointConfig & { baseUrl: string }): OpenAiCompatibleProvider {
    const apiKey = c.apiKeyEnv ? this.env[c.apiKeyEnv] : undefined;
    if (c.keyRequired && !apiKey) throw new ConfigError(`endpoint "${endpoint}" needs an API key: set the environment variable ${c.apiKeyEnv}${c.replicas ? ` (replica ${c.baseUrl})` : ''}`);
    const project = this.project(endpoint);
    return new OpenAiCompatibleProvider({ endpoint, baseUrl: c.baseUrl, timeoutMs: this.timeoutMs, capabilities: this.capabilities(endpoint), ...(apiKey ? { apiKey } : {}), ...(project ? { project } : {}) });
  }

  private configured(endpoint: string, c: EndpointConfig): Provider {
    if (c.replicas) return this.pooled(endpoint, c, c.replicas);
    if (c.baseUrl === undefined) throw new ConfigError(`endpoint "${endpoint}" has neither baseUrl nor replicas`);
    return this.openAiCompatible(endpoint, { ...c, baseUrl: c.baseUrl });
  }

  /** One provider per replica, each with its own key (the endpoint's apiKeyEnv unless it names one); requests are still `endpoint`'s. */
  private pooled(endpoint: string, c: EndpointConfig, replicas: readonly ReplicaConfig[]): Provider {
    const members = replicas.map((r) => {
      const apiKeyEnv = r.apiKeyEnv ?? c.apiKeyEnv;
      const provider = this.openAiCompatible(endpoint, { ...c, baseUrl: r.baseUrl, ...(apiKeyEnv ? { apiKeyEnv } : {}), keyRequired: apiKeyEnv !== undefined });
      return { provider, ...(r.concurrency ? { concurrency: r.concurrency } : {}) };
    });
    return new PooledProvider(endpoint, this.capabilities(endpoint), members);
  }

  private startedOnUse(endpoint: string, onDemand: OnDemandEndpoint): Provider {
    return new OnDemandProvider(endpoint, this.capabilities(endpoint), async () => {
      const started = await onDemand.start();
      try {
        return { provider: this.openAiCompatible(endpoint, { ...onDemand.config, baseUrl: started.baseUrl }), close: started.close };
      } catch (e) {
        await started.close();
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    for (const p of this.providers.values()) await p.close?.();
    this.providers.clear();
  }
}
