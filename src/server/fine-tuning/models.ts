// The models fine-tuning jobs made (final models and per-epoch checkpoints), as servable names -> files.
import { join } from 'node:path';
import type { ExtraModels, ModelInfo } from '../../providers/index.js';
import type { JobStore } from './job-store.js';
import { FT_ORGANIZATION } from './names.js';

export class FineTunedModels implements ExtraModels {
  constructor(
    private readonly jobs: JobStore,
    private readonly modelsDir: string,
  ) {}

  has(name: string): boolean {
    return this.jobs.all().some((r) => Object.hasOwn(r.weights, name));
  }

  async file(name: string): Promise<string | undefined> {
    const record = this.jobs.all().find((r) => Object.hasOwn(r.weights, name));
    return record ? join(this.modelsDir, record.weights[name]!) : undefined;
  }

  async list(): Promise<ModelInfo[]> {
    return this.jobs.all().flatMap((r) => Object.keys(r.weights).map((id) => ({ id, ownedBy: FT_ORGANIZATION })));
  }
}
