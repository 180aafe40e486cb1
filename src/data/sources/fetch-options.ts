// Where a workspace's pinned files come from: a mirror (given, then WEIRDGEN_DATA_MIRROR, then the
// config), a URL base (WEIRDGEN_DATA_URL_BASE, then the config), and the self-distillation prompt
// repositories' mirror.
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { WeirdgenConfig } from '../../config/index.js';
import { ConfigError } from '../../util/errors.js';
import type { FetchOptions } from './fetch.js';
import { PAPER_PROMPT_SOURCES } from './prompt-sources.js';

function urlBaseOf(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.WEIRDGEN_DATA_URL_BASE;
  if (!value) return undefined;
  // Not echoed: a mistyped value may still hold credentials.
  if (!z.url().safeParse(value).success) throw new ConfigError('WEIRDGEN_DATA_URL_BASE is not a URL');
  return value;
}

/**
 * Fetch options for `workspace`: `mirror` (a `--mirror` flag) before `WEIRDGEN_DATA_MIRROR` before
 * the config's `data.mirror`; `promptMirror` holds the prompt repositories as DIR/<owner>/<repo>/.
 */
export function fetchOptionsFor(workspace: string, config: WeirdgenConfig, env: NodeJS.ProcessEnv, mirror?: string, promptMirror?: string): FetchOptions {
  const from = mirror || env.WEIRDGEN_DATA_MIRROR || config.data.mirror;
  const urlBase = urlBaseOf(env) ?? config.data.urlBase;
  const prompts = promptMirror === undefined ? {} : { repos: Object.fromEntries(PAPER_PROMPT_SOURCES.map((s) => [s.repo, { mirror: join(resolve(promptMirror), s.repo) }])) };
  return { workspace, ...(from ? { mirror: resolve(from) } : {}), ...(urlBase ? { urlBase } : {}), ...prompts };
}
