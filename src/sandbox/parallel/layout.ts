// All parameters laid out in one flat float32 buffer, so threads can share them.
import { paramSpecs, type ModelConfig } from '../model/config.js';

export interface TensorSlot {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

export function flatLayout(cfg: ModelConfig): { slots: TensorSlot[]; total: number } {
  let offset = 0;
  const slots = paramSpecs(cfg).map((s) => {
    const size = s.shape.reduce((a, b) => a * b, 1);
    const slot = { name: s.name, shape: s.shape, offset, size };
    offset += size;
    return slot;
  });
  return { slots, total: offset };
}
