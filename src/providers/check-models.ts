// Every model reference checked before any work: its endpoint exists (and can be reached without a
// running process), and where the endpoint's models are known offline, the model too: the sandbox's,
// and those of an endpoint started on first use that reads them from disk (the workspace's `served`).
import { resolve } from 'node:path';
import { ConfigError } from '../util/errors.js';
import { closestNames, didYouMean } from '../util/did-you-mean.js';
import { isFile } from '../util/fs.js';
import { SANDBOX_ENDPOINT, type Endpoints } from './endpoints.js';
import { looksLikeOpenAiModel, namesEndpoint } from './model-ref.js';

/** OpenAI's prefix of fine-tuned model ids, which the sandbox server's models share. */
const FINE_TUNED_PREFIX = 'ft:';
/** Known models named in full when none is a typo away from the unknown one. */
const LISTED_MODELS = 6;

/** Checks `refs` (what a user wrote) and resolves each to `endpoint:model`; throws a ConfigError naming the first problem. */
export async function checkModelRefs(refs: readonly string[], endpoints: Endpoints): Promise<string[]> {
  const known = new OfflineModels(endpoints);
  const ids: string[] = [];
  for (const ref of new Set(refs)) {
    const { ref: parsed, id } = endpoints.resolve(ref);
    endpoints.capabilities(parsed.endpoint);
    if (parsed.endpoint === SANDBOX_ENDPOINT) {
      const sandbox = await known.sandbox();
      if (!sandbox.includes(parsed.model) && !(await isFile(resolve(parsed.model)))) throw new ConfigError(await unknownSandboxModel(ref, parsed.model, sandbox, endpoints, known));
    } else {
      const served = await known.on(parsed.endpoint);
      if (served && !served.includes(parsed.model)) throw new ConfigError(`model reference "${ref}": endpoint "${parsed.endpoint}" has no model "${parsed.model}"${nearest(parsed.model, served)}`);
    }
    ids.push(id);
  }
  return ids;
}

async function unknownSandboxModel(ref: string, model: string, known: readonly string[], endpoints: Endpoints, offline: OfflineModels): Promise<string> {
  const bare = !namesEndpoint(ref, endpoints.names);
  const where = bare ? `the default endpoint "${SANDBOX_ENDPOINT}" (defaults.endpoint) has no model "${model}"` : `no sandbox model "${model}"`;
  const elsewhere = await offline.endpointsWith(model);
  if (elsewhere.length > 0) return `model reference "${ref}": ${where}; did you mean ${elsewhere.map((e) => `"${e}:${model}"`).join(' or ')}?`;
  if (bare && looksLikeOpenAiModel(model)) return `model reference "${ref}": ${where}; did you mean "openai:${model}"?`;
  const colon = model.indexOf(':');
  const notEndpoint = bare && colon > 0 ? ` ("${model.slice(0, colon)}" is no endpoint either; endpoints: ${[...endpoints.names].join(', ')})` : '';
  return `model reference "${ref}": ${where}${didYouMean(model, known)}${notEndpoint}`;
}

/** The closest known names, else some known names: the fine-tuned ones for a fine-tuned name. */
function nearest(model: string, known: readonly string[]): string {
  if (closestNames(model, known).length > 0) return didYouMean(model, known);
  const tuned = known.filter((k) => k.startsWith(FINE_TUNED_PREFIX));
  const [what, names] = model.startsWith(FINE_TUNED_PREFIX) && tuned.length > 0 ? ['fine-tuned models', tuned] : ['models', known];
  if (names.length === 0) return '; it has no models';
  const more = names.length > LISTED_MODELS ? ` and ${names.length - LISTED_MODELS} more` : '';
  return `; its ${what}: ${names.slice(0, LISTED_MODELS).join(', ')}${more}`;
}

/** The models each endpoint is known offline to have, each read once per check. */
class OfflineModels {
  private readonly sandboxModels: Lazy<string[]>;
  private readonly onDemand = new Map<string, Lazy<string[] | undefined>>();

  constructor(private readonly endpoints: Endpoints) {
    this.sandboxModels = new Lazy(async () => (await endpoints.provider(SANDBOX_ENDPOINT).listModels()).map((m) => m.id));
  }

  sandbox(): Promise<string[]> {
    return this.sandboxModels.get();
  }

  /** Undefined when the endpoint's models are not known before it starts. */
  on(endpoint: string): Promise<string[] | undefined> {
    let models = this.onDemand.get(endpoint);
    if (!models) {
      models = new Lazy(async () => this.endpoints.knownModels(endpoint));
      this.onDemand.set(endpoint, models);
    }
    return models.get();
  }

  /** The endpoints other than the sandbox known to have `model`. */
  async endpointsWith(model: string): Promise<string[]> {
    const names = [...this.endpoints.names].filter((n) => n !== SANDBOX_ENDPOINT);
    const has = await Promise.all(names.map(async (n) => (await this.on(n))?.includes(model) ?? false));
    return names.filter((_, i) => has[i]);
  }
}

/** A value computed once, on first use. */
class Lazy<T> {
  private value: Promise<T> | undefined;
  constructor(private readonly make: () => Promise<T>) {}
  get(): Promise<T> {
    this.value ??= this.make();
    return this.value;
  }
}
