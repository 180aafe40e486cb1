// Which provider fine-tunes a base model: `--endpoint`, else the reference's own; a bare name belongs
// to `--endpoint` when given, else to the default endpoint (the one rule of model references).
import { type Endpoints, parseModelRef, type RemoteApi } from '../providers/index.js';
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
