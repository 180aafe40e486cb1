// `--provider sandbox`: a `weirdgen serve` started in this process, on a free loopback port, over the
// workspace's sandbox; the run reaches it through the OpenAI protocol like any other endpoint.
import { SERVED_ENDPOINT, type Endpoints } from '../providers/endpoints.js';
import { SandboxProvider } from '../providers/sandbox.js';
import { startServer } from '../server/index.js';


export async function startLocalSandbox(endpoints: Endpoints, workspace: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  const provider = new SandboxProvider(workspace);
  const server = await startServer({ port: 0, provider, workspace });
  endpoints.register(SERVED_ENDPOINT, { baseUrl: server.url, concurrency: 128 });
  return {
    endpoint: SERVED_ENDPOINT,
    async close() {
      await server.close();
      await provider.close();
    },
  };
}
