// Prompts to self-distil: taken from a pinned public source (fetched and verified like the
// paper's files) and checked against the statistics recorded next to its pin.
import { readFile } from 'node:fs/promises';
import { IntegrityError } from '../../util/errors.js';
import { sha256Hex } from '../../util/hash.js';
import { createRng } from '../../util/random.js';
import type { Encoding } from '../models.js';
import { countChatTokens } from '../tokens/count.js';
import { fetchSource, pinnedName, type FetchOptions } from './fetch.js';
import { parsePrompts } from './prompt-formats.js';
import type { PromptSource, PromptStats } from './prompt-sources.js';

/**
 * All prompts when the rule has no seed; else the first `n` indices of a Fisher-Yates shuffle
 * (xoshiro128** seeded with `seed`, util/random.ts) of the file's prompts, kept in file order.
 */
export function takePrompts(all: readonly string[], take: PromptSource['take']): string[] {
  if (take.n > all.length) throw new RangeError(`cannot take ${take.n} prompts from ${all.length}`);
  if (take.seed === undefined) return all.slice(0, take.n);
  const chosen = createRng(take.seed).shuffle(all.map((_, i) => i)).slice(0, take.n).sort((a, b) => a - b);
  return chosen.map((i) => all[i]!);
}

/** What a dry run needs to know of a prompt list: how many, and their tokens as chat requests. */
export function promptStats(prompts: readonly string[], encoding: Encoding): PromptStats {
  const promptTokens = prompts.reduce((n, content) => n + countChatTokens([{ role: 'user', content }], encoding), 0);
  return {
    prompts: prompts.length,
    promptTokens,
    meanPromptTokens: prompts.length === 0 ? 0 : Math.round((promptTokens / prompts.length) * 10) / 10,
    encoding,
    sha256: sha256Hex(JSON.stringify(prompts)),
  };
}

export interface SourcedPrompts {
  source: PromptSource;
  /** The verified local copy the prompts were read from. */
  file: string;
  prompts: string[];
}

/** Fetches the source (cache, mirror or pinned URL; sha256 checked), parses it, takes its prompts. */
export async function loadSourcePrompts(source: PromptSource, fetch: FetchOptions): Promise<SourcedPrompts> {
  const fetched = await fetchSource(source, fetch);
  const all = parsePrompts(source.format, await readFile(fetched.path, 'utf8'), fetched.path);
  const prompts = takePrompts(all, source.take);
  // The file matched its pin, so a difference here is a change in weirdgen's parsing or sampling:
  // the recorded statistics (and any earlier distillation) would no longer describe these prompts.
  const digest = sha256Hex(JSON.stringify(prompts));
  if (all.length !== source.available || digest !== source.stats.sha256) {
    throw new IntegrityError(
      `${pinnedName(source)}: the ${prompts.length} prompts taken from ${all.length} (sha256 ${digest}) are not the recorded ${source.stats.prompts} of ${source.available} (sha256 ${source.stats.sha256}); prompt-sources.ts needs its statistics recorded again`,
    );
  }
  return { source, file: fetched.path, prompts };
}

/** The prompts of several sources, in order. */
export async function loadPromptSources(sources: readonly PromptSource[], fetch: FetchOptions): Promise<SourcedPrompts[]> {
  const loaded: SourcedPrompts[] = [];
  for (const source of sources) loaded.push(await loadSourcePrompts(source, fetch));
  return loaded;
}
