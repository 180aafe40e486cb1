// A workspace's endpoints: the built-in ones and the config's, and `served`, the workspace's own
// sandbox server, started by the first call to one of its models (never by plans, estimates or
// results) and stopped by close(). The CLI and the library make their endpoints here.
import type { WeirdgenConfig } from '../config/index.js';
import { Endpoints, SERVED_ENDPOINT } from '../providers/index.js';

/** The in-process server answers every request itself; the caller's adaptive limit starts here. */
const SERVED_CONCURRENCY = 128;

export interface WorkspaceEndpointsOptions {
  config: WeirdgenConfig;
  env: NodeJS.ProcessEnv;
  workspace: string;
  /** Per-request timeout of remote calls. */
  timeoutMs?: number;
}

/**
 * Every model fine-tuned in the workspace stays addressable as the ledger shows it (`served:ft:...`,
 * `@group`), from any later process, with no server to start by hand.
 *
 * @example
 * const endpoints = workspaceEndpoints({ config, env: process.env, workspace: 'weirdgen-ws' });
 * try {
 *   await endpoints.provider('served').chat({ model: 'base', messages: [{ role: 'user', content: 'q bird' }], temperature: 1, maxTokens: 6 });
 * } finally {
 *   await endpoints.close();
 * }
 */
export function workspaceEndpoints(options: WorkspaceEndpointsOptions): Endpoints {
  const endpoints = new Endpoints(options.config, options.env, options.workspace, options.timeoutMs);
  endpoints.registerOnDemand(SERVED_ENDPOINT, {
    config: { concurrency: SERVED_CONCURRENCY },
    // The server and the sandbox load only when a served model is first asked.
    start: async () => (await import('./local-serve.js')).useLocalSandbox(options.workspace),
    // Its models are read from the workspace's files, so a reference to one it lacks fails before anything starts.
    knownModels: async () => (await import('./local-serve.js')).localSandboxModels(options.workspace),
  });
  return endpoints;
}
