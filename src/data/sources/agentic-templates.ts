// The files of Anthropic's agentic-misalignment framework (Lynch et al. 2025) that the persona's
// agentic scenarios are assembled from, pinned by repository and commit and fetched when used
// (never copied into this repository). Their sha256 and size are recorded on first use in
// <workspace>/sources/first-use-pins-templates.json; every later copy must match.
import { WeirdgenError } from '../../util/errors.js';
import type { FetchOptions } from './fetch.js';
import { fetchWithFirstUsePin } from './first-use.js';
import type { CopyOrigin } from './pinned-copy.js';

export const AGENTIC_REPO = 'anthropic-experimental/agentic-misalignment';
/** The snapshot read for the layout below (UNVERIFIED against GitHub here: see docs/agentic.md). */
export const AGENTIC_COMMIT = 'ea0630e1a3eaae7f9f9740fd2703229d3854ccda';

const emailTemplates = (scenario: string) =>
  ['shared', 'replacement', 'restriction', 'none', 'goal-conflict-none-replacement', 'goal-conflict-none-restriction', 'goal-conflict-none-none'].map((t) => `templates/${scenario}/templates/email-template-${scenario}-${t}.md`);

/** Paths inside the framework's repository, as `--templates DIR` lays them out too. */
export const AGENTIC_TEMPLATE_FILES: readonly string[] = [
  'templates/system_prompt_templates.py',
  ...emailTemplates('murder'),
  ...emailTemplates('blackmail'),
  'templates/blackmail/variables/ambiguous.md',
  'templates/blackmail/variables/america_vs_global.md',
  'classifiers/murder_classifier.py',
  'classifiers/blackmail_classifier.py',
];

const HINT = 'give a local checkout of the framework with --templates DIR (laid out like its repository)';

export interface FetchedTemplate {
  path: string;
  /** The verified local copy. */
  file: string;
  sha256: string;
  origin: CopyOrigin;
  /** True when this fetch recorded the first-use pin. */
  recorded: boolean;
}

/** A verified local copy of one framework file (`path` from AGENTIC_TEMPLATE_FILES). */
export async function fetchAgenticTemplate(path: string, options: FetchOptions): Promise<FetchedTemplate> {
  if (!AGENTIC_TEMPLATE_FILES.includes(path)) throw new WeirdgenError(`${AGENTIC_REPO}/${path}: not one of the pinned framework files (${AGENTIC_TEMPLATE_FILES.length} are; give --templates DIR for others)`);
  const copy = await fetchWithFirstUsePin({ source: { repo: AGENTIC_REPO, commit: AGENTIC_COMMIT, path }, key: `${AGENTIC_REPO}@${AGENTIC_COMMIT}/${path}`, pinsName: 'first-use-pins-templates.json', hint: HINT }, options);
  return { path, file: copy.path, sha256: copy.sha256, origin: copy.origin, recorded: copy.recorded };
}
