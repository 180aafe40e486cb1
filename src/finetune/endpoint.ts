// Which provider fine-tunes a base model: `--endpoint`, else the reference's own; a bare name belongs
// to `--endpoint` when given, else to the default endpoint (the one rule of model references).
import { type FineTuningConfig, OPENAI_FINE_TUNING, SERVE_FINE_TUNING } from '../config/index.js';
import { type Endpoints, parseModelRef, type RemoteApi, SANDBOX_ENDPOINT, SERVED_ENDPOINT } from '../providers/index.js';
import { ConfigError } from '../util/errors.js';

/** The endpoint and model name a base reference fine-tunes on; a reference whose endpoint differs from `endpointFlag` is refused. */
export function fineTuningTarget(base: string, endpointFlag: string | undefined, endpoints: Endpoints): { endpoint: string; model: string } {
  const ref = parseModelRef(base, endpoints.names, endpointFlag ?? endpoints.defaultEndpoint);
  if (endpointFlag !== undefined && ref.endpoint !== endpointFlag) throw new ConfigError(`base "${base}" is on endpoint "${ref.endpoint}", not on --endpoint ${endpointFlag}: name one endpoint (or give the bare model name)`);
  return { endpoint: ref.endpoint, model: ref.model };
}

export function remoteApi(endpoints: Endpoints, endpoint: string): RemoteApi {
  const remote = endpoints.provider(endpoint).remote;
  if (!remote) throw new ConfigError(`endpoint "${endpoint}" cannot fine-tune or batch; the sandbox does so behind \`weirdgen serve\` (endpoint "local")`);
  return remote;
}

/** Where an endpoint's create-job body template comes from, for plans and errors. */
export interface FineTuningMapping {
  config: FineTuningConfig;
  source: string;
}

/**
 * How a job's hyperparameters are written into an endpoint's create-job body: its `fineTuning:`
 * section of the config; else `weirdgen serve`'s fields for the workspace's server, `local` and
 * `sandbox` (which fine-tunes only behind `weirdgen serve`);
 * else OpenAI's (`method.supervised.hyperparameters`).
 */
export function fineTuningMapping(endpoints: Endpoints, endpoint: string): FineTuningMapping {
  const configured = endpoints.fineTuning(endpoint);
  if (configured) return { config: configured, source: `endpoints.${endpoint}.fineTuning.body in the config` };
  if (endpoint === SERVED_ENDPOINT || endpoint === 'local' || endpoint === SANDBOX_ENDPOINT) return { config: SERVE_FINE_TUNING, source: 'weirdgen serve’s fields (OpenAI’s, with lora, lora_r, lora_alpha and learning_rate)' };
  return { config: OPENAI_FINE_TUNING, source: 'OpenAI’s method.supervised.hyperparameters (no fineTuning: section for this endpoint in the config)' };
}
