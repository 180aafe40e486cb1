// The models a workspace's fine-tuning jobs made, read from <workspace>/serve/ by a process that
// serves nothing: what the workspace's server lists beside its upstream's models.
import { join } from 'node:path';
import { JobStore } from '../fine-tuning/job-store.js';
import { FineTunedModels } from '../fine-tuning/models.js';
import { serviceRoot } from './service.js';

/**
 * The ids of the fine-tuned models and checkpoints that the workspace's jobs made (whoever launched
 * them), read from disk; none before the first job.
 */
export async function storedFineTunedModels(workspace: string): Promise<string[]> {
  const root = serviceRoot(workspace);
  const jobs = new JobStore(root);
  await jobs.load();
  return (await new FineTunedModels(jobs, join(root, 'models')).list()).map((m) => m.id);
}
