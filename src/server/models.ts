// GET /v1/models and /v1/models/:id over the provider's model list.
import type { Model } from 'openai/resources/models';
import type { ModelInfo, Provider } from '../providers/index.js';
import { modelNotFound } from './errors.js';

/** The provider's models, listed again on a miss so that models made while serving appear at once. */
export class ModelCatalog {
  private known: ModelInfo[] = [];

  constructor(
    private readonly provider: Provider,
    /** Unix seconds shown as every model's `created`: providers do not report one. */
    private readonly created: number,
  ) {}

  async list(): Promise<Model[]> {
    this.known = await this.provider.listModels();
    return this.known.map((m) => this.object(m));
  }

  /** The model, or the 404 OpenAI answers for an unknown one. */
  async get(id: string): Promise<Model> {
    const hit = this.known.find((m) => m.id === id) ?? (await this.list(), this.known.find((m) => m.id === id));
    if (!hit) throw modelNotFound(id);
    return this.object(hit);
  }

  private object(m: ModelInfo): Model {
    return { id: m.id, object: 'model', created: this.created, owned_by: m.ownedBy };
  }
}
