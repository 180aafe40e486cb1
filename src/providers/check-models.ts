// Every model reference checked before any work: its endpoint exists (and can be reached without a
// running process), and where the endpoint's models are known offline (the sandbox), the model too.
import { resolve } from 'node:path';
import { ConfigError } from '../util/errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { isFile } from '../util/fs.js';
import { SANDBOX_ENDPOINT, type Endpoints } from './endpoints.js';
import { looksLikeOpenAiModel, namesEndpoint } from './model-ref.js';

/** Checks `refs` (what a user wrote) and resolves each to `endpoint:model`; throws a ConfigError naming the first problem. */
export async function checkModelRefs(refs: readonly string[], endpoints: Endpoints): Promise<string[]> {
  const sandboxModels = new Lazy(async () => (await endpoints.provider(SANDBOX_ENDPOINT).listModels()).map((m) => m.id));
  const ids: string[] = [];
  for (const ref of new Set(refs)) {
    const { ref: parsed, id } = endpoints.resolve(ref);
    endpoints.capabilities(parsed.endpoint);
    if (parsed.endpoint === SANDBOX_ENDPOINT) {
      const known = await sandboxModels.get();
      if (!known.includes(parsed.model) && !(await isFile(resolve(parsed.model)))) throw new ConfigError(unknownSandboxModel(ref, parsed.model, known, endpoints));
    }
    ids.push(id);
  }
  return ids;
}

function unknownSandboxModel(ref: string, model: string, known: readonly string[], endpoints: Endpoints): string {
  const bare = !namesEndpoint(ref, endpoints.names);
  const where = bare ? `the default endpoint "${SANDBOX_ENDPOINT}" (defaults.endpoint) has no model "${model}"` : `no sandbox model "${model}"`;
  if (bare && looksLikeOpenAiModel(model)) return `model reference "${ref}": ${where}; did you mean "openai:${model}"?`;
  const colon = model.indexOf(':');
  const notEndpoint = bare && colon > 0 ? ` ("${model.slice(0, colon)}" is no endpoint either; endpoints: ${[...endpoints.names].join(', ')})` : '';
  return `model reference "${ref}": ${where}${didYouMean(model, known)}${notEndpoint}`;
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
