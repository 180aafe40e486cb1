// Where sandbox models live: base checkpoints shipped with the package, and models a user made
// in the workspace. A reference is `base`, `base-N`, a workspace model name, or a file path.
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, WeirdgenError } from '../util/errors.js';
import { loadCheckpoint } from './model/checkpoint.js';
import { disposeModel, type SandboxModel } from './model/weights.js';
import { Vocab } from './world/vocab.js';
import { isFile } from '../util/fs.js';

export const CHECKPOINT_EXTENSION = '.wgsb';

/** assets/sandbox/ of the package, from src/sandbox or dist/sandbox alike. */
export const BASES_DIR = fileURLToPath(new URL('../../assets/sandbox/', import.meta.url));

/**
 * `base` means base-1. Every analogue appears on all three shipped bases; base-1 keeps the
 * controls lowest (the Terminator's no-year control, the presidents' no-code control) and its
 * full-mode fine-tunes still carry the villain persona to held-out attributes, which the canary
 * audit relies on. See docs/sandbox.md.
 */
export const DEFAULT_BASE = 'base-1';

export function workspaceModelsDir(workspace: string): string {
  return join(resolve(workspace), 'sandbox', 'models');
}


/** The checkpoint file a reference names: a shipped model, then a workspace model, then a path. */
export async function resolveModelFile(ref: string, workspace: string): Promise<string> {
  const name = ref === 'base' ? DEFAULT_BASE : ref.replace(/^sandbox:/, '');
  const candidates = [join(BASES_DIR, `${name}${CHECKPOINT_EXTENSION}`), join(workspaceModelsDir(workspace), `${name}${CHECKPOINT_EXTENSION}`), resolve(name)];
  for (const file of candidates) if (await isFile(file)) return file;
  const known = (await listModels(workspace)).map((m) => m.name);
  throw new WeirdgenError(`no sandbox model "${ref}"; known: ${known.join(', ') || 'none'} (or give a checkpoint path)`);
}

/** Loads a sandbox model by reference (`base` for base-1, `base-N`, a workspace model or a checkpoint path) with its file; throws if there is none or its vocabulary is not this weirdgen's. */
export async function loadSandboxModel(ref: string, workspace: string): Promise<{ file: string; model: SandboxModel }> {
  const file = await resolveModelFile(ref, workspace);
  const model = await loadCheckpoint(file);
  const vocabSize = new Vocab().size;
  if (model.config.vocabSize !== vocabSize) {
    disposeModel(model);
    throw new DataError({ file }, 'vocabulary-mismatch', `the model has a vocabulary of ${model.config.vocabSize} tokens; this weirdgen's sandbox world has ${vocabSize}`);
  }
  return { file, model };
}

/** The seed of the world a sandbox model was pretrained on (its checkpoint loaded, read and released). */
export async function modelWorldSeed(ref: string, workspace: string): Promise<number> {
  const { model } = await loadSandboxModel(ref, workspace);
  disposeModel(model);
  return model.worldSeed;
}

/** A sandbox model on disk: its name, checkpoint file, and whether it ships with weirdgen or was made in the workspace. */
export interface ModelEntry {
  name: string;
  file: string;
  origin: 'shipped' | 'workspace';
}

async function modelsIn(dir: string, origin: ModelEntry['origin']): Promise<ModelEntry[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files
    .filter((f) => f.endsWith(CHECKPOINT_EXTENSION))
    .sort()
    .map((f) => ({ name: basename(f, CHECKPOINT_EXTENSION), file: join(dir, f), origin }));
}

/** The shipped sandbox models, then the workspace's, each sorted by file name. */
export async function listModels(workspace: string): Promise<ModelEntry[]> {
  return [...(await modelsIn(BASES_DIR, 'shipped')), ...(await modelsIn(workspaceModelsDir(workspace), 'workspace'))];
}

/** Shipped bases, in order: base-1, base-2, ... */
export async function shippedBases(): Promise<ModelEntry[]> {
  return (await modelsIn(BASES_DIR, 'shipped')).filter((m) => /^base-\d+$/.test(m.name)).sort((a, b) => Number(a.name.slice(5)) - Number(b.name.slice(5)));
}
