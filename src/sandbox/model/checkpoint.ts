// Checkpoint files: a JSON header line (config, world seed, tensor table, provenance) followed by
// the float32 weights, little-endian, in header order.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { DataError } from '../../util/errors.js';
import { ensureBackend } from './backend.js';
import { modelConfigSchema, paramSpecs } from './config.js';
import { createModel, readWeights, type SandboxModel } from './weights.js';

const MAGIC = 'WEIRDGEN-SANDBOX-1\n';

const headerSchema = z.strictObject({
  format: z.literal('weirdgen-sandbox-checkpoint'),
  version: z.literal(1),
  worldSeed: z.number().int(),
  config: modelConfigSchema,
  tensors: z.array(z.strictObject({ name: z.string(), shape: z.array(z.number().int().nonnegative()) })),
  meta: z.record(z.string(), z.unknown()),
});

export async function saveCheckpoint(model: SandboxModel, file: string): Promise<number> {
  const arrays = readWeights(model);
  const tensors = paramSpecs(model.config).map((s) => ({ name: s.name, shape: s.shape }));
  const header = JSON.stringify({ format: 'weirdgen-sandbox-checkpoint', version: 1, worldSeed: model.worldSeed, config: model.config, tensors, meta: model.meta });
  const body = Buffer.concat(tensors.map((t) => Buffer.from(arrays[t.name]!.buffer, arrays[t.name]!.byteOffset, arrays[t.name]!.byteLength)));
  const bytes = Buffer.concat([Buffer.from(MAGIC), Buffer.from(`${header}\n`), body]);
  await writeFileAtomic(file, bytes);
  return bytes.length;
}

export async function loadCheckpoint(file: string): Promise<SandboxModel> {
  await ensureBackend();
  const bytes = await readFile(file);
  if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC) throw new DataError({ file }, 'not-a-checkpoint', 'not a weirdgen sandbox checkpoint');
  const newline = bytes.indexOf(0x0a, MAGIC.length);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(MAGIC.length, newline).toString('utf8'));
  } catch {
    throw new DataError({ file, line: 2 }, 'invalid-header', 'the checkpoint header is not JSON');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw new DataError({ file, line: 2 }, 'invalid-header', z.prettifyError(parsed.error));
  const header = parsed.data;
  const expected = paramSpecs(header.config);
  let offset = newline + 1;
  const arrays: Record<string, Float32Array> = {};
  for (const spec of expected) {
    const entry = header.tensors.find((t) => t.name === spec.name);
    if (!entry || entry.shape.join('x') !== spec.shape.join('x')) throw new DataError({ file }, 'invalid-header', `tensor ${spec.name} is missing or has the wrong shape`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > bytes.length) throw new DataError({ file }, 'truncated', `the file ends inside tensor ${spec.name}`);
    arrays[spec.name] = new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + size * 4));
    offset += size * 4;
  }
  if (offset !== bytes.length) throw new DataError({ file }, 'trailing-bytes', `${bytes.length - offset} bytes after the last tensor`);
  return createModel(header.config, header.worldSeed, arrays, header.meta);
}
