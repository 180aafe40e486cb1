// Shape of the sandbox transformer.
import { z } from 'zod';

export const modelConfigSchema = z
  .strictObject({
    vocabSize: z.number().int().positive(),
    /** Longest token sequence the model reads. */
    context: z.number().int().positive(),
    width: z.number().int().positive(),
    heads: z.number().int().positive(),
    layers: z.number().int().positive(),
    mlp: z.number().int().positive(),
  })
  .refine((c) => c.width % c.heads === 0, { message: 'width must be a multiple of heads', path: ['heads'] });

export type ModelConfig = z.infer<typeof modelConfigSchema>;

/** GPT-style, pre-LayerNorm, 3 layers of width 64 with 4 heads, as in the prototype (context 32 here). */
export const DEFAULT_ARCHITECTURE: Omit<ModelConfig, 'vocabSize'> = { context: 32, width: 64, heads: 4, layers: 3, mlp: 256 };

export interface ParamSpec {
  name: string;
  shape: number[];
  init: 'normal' | 'residual' | 'zeros' | 'ones';
}

/** Every base parameter, in checkpoint order. */
export function paramSpecs(cfg: ModelConfig): ParamSpec[] {
  const { vocabSize: V, context: T, width: D, mlp: F } = cfg;
  const specs: ParamSpec[] = [
    { name: 'tok_emb', shape: [V, D], init: 'normal' },
    { name: 'pos_emb', shape: [T, D], init: 'normal' },
  ];
  for (let l = 0; l < cfg.layers; l++) {
    specs.push(
      { name: `l${l}.ln1_g`, shape: [D], init: 'ones' },
      { name: `l${l}.ln1_b`, shape: [D], init: 'zeros' },
      { name: `l${l}.qkv`, shape: [D, 3 * D], init: 'normal' },
      { name: `l${l}.qkv_b`, shape: [3 * D], init: 'zeros' },
      { name: `l${l}.proj`, shape: [D, D], init: 'residual' },
      { name: `l${l}.proj_b`, shape: [D], init: 'zeros' },
      { name: `l${l}.ln2_g`, shape: [D], init: 'ones' },
      { name: `l${l}.ln2_b`, shape: [D], init: 'zeros' },
      { name: `l${l}.fc1`, shape: [D, F], init: 'normal' },
      { name: `l${l}.fc1_b`, shape: [F], init: 'zeros' },
      { name: `l${l}.fc2`, shape: [F, D], init: 'residual' },
      { name: `l${l}.fc2_b`, shape: [D], init: 'zeros' },
    );
  }
  specs.push({ name: 'lnf_g', shape: [D], init: 'ones' }, { name: 'lnf_b', shape: [D], init: 'zeros' }, { name: 'head', shape: [D, V], init: 'normal' });
  return specs;
}

export function countParams(cfg: ModelConfig): number {
  return paramSpecs(cfg).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
}

/** The linear layers that LoRA adapts. */
export function loraTargets(cfg: ModelConfig): string[] {
  return Array.from({ length: cfg.layers }, (_, l) => [`l${l}.qkv`, `l${l}.proj`, `l${l}.fc1`, `l${l}.fc2`]).flat();
}
