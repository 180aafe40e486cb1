// The files beside an llmcomp question file, where llmcomp looks its judges up: those that parse, and
// those that cannot be read (with why, and a guess at which ids they define), to skip with a warning.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseYamlBytes } from '../config/index.js';
import { ConfigError, WeirdgenError } from '../util/errors.js';
import type { LlmcompSource } from './llmcomp.js';

/** A sibling file that is not a readable llmcomp list: skipped with a warning unless a needed judge is only there. */
export interface UnreadableSibling {
  file: string;
  error: WeirdgenError;
  /** Whether the file seems to define an entry with this id (it cannot be read, so this is a guess). */
  mentions(id: string): boolean;
}

/** Whether unreadable text seems to hold an entry `id: ID` or `name: ID`. */
function definesInText(text: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^[ \\t-]*(?:id|name)[ \\t]*:[ \\t]*["']?${escaped}["']?[ \\t]*(?:#.*)?$`, 'm').test(text);
}

/** Every .yaml/.yml file next to `file`: those that parse, and those that cannot be read (with why). */
export async function readSiblings(file: string): Promise<{ sources: LlmcompSource[]; unreadable: UnreadableSibling[] }> {
  const dir = dirname(file);
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n) && join(dir, n) !== file).sort();
  const sources: LlmcompSource[] = [];
  const unreadable: UnreadableSibling[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const bytes = await readFile(path).catch((e: unknown) => new ConfigError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`));
    if (bytes instanceof ConfigError) {
      unreadable.push({ file: path, error: bytes, mentions: () => false });
      continue;
    }
    try {
      sources.push({ file: path, yaml: parseYamlBytes(bytes, path) });
    } catch (error) {
      if (!(error instanceof WeirdgenError)) throw error;
      const text = new TextDecoder('utf-8').decode(bytes);
      unreadable.push({ file: path, error, mentions: (id) => definesInText(text, id) });
    }
  }
  return { sources, unreadable };
}

