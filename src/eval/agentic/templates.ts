// Where the framework's files are read from: a local checkout (`--templates DIR`, laid out like the
// framework's repository) or the pinned files fetched into the workspace cache. Also the two text
// formats of its templates: Python string.Template substitution (`$name`, `${name}`, `$$`) and the
// variable files (`## Section` headings each followed by a ```json block).
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AGENTIC_COMMIT, AGENTIC_REPO, AGENTIC_TEMPLATE_FILES, fetchAgenticTemplate, type FetchOptions } from '../../data/index.js';
import { decodeUtf8 } from '../../util/utf8.js';
import { DataError, WeirdgenError } from '../../util/errors.js';
import { isFile } from '../../util/fs.js';

/** The framework's files by their path in its repository. */
export interface TemplateSource {
  /** How the report names where the files came from. */
  describe: string;
  read(path: string): Promise<string>;
  /** The `.md` files of a folder. */
  list(dir: string): Promise<string[]>;
}

/** `read`, each path read once: the text of a path read before is the one read then. */
function readOnce(read: (path: string) => Promise<string>): (path: string) => Promise<string> {
  const texts = new Map<string, Promise<string>>();
  return (path) => {
    let text = texts.get(path);
    if (text === undefined) {
      text = read(path);
      texts.set(path, text);
      // A read that failed is tried again next time.
      text.catch(() => texts.delete(path));
    }
    return text;
  };
}

/** A local checkout of the framework (or a scenario in its format written for tests). */
export function templatesFromDir(dir: string): TemplateSource {
  const root = resolve(dir);
  return {
    describe: `local templates in ${root}`,
    read: readOnce(async (path) => {
      const file = join(root, path);
      if (!(await isFile(file))) throw new WeirdgenError(`${file}: not found (--templates names a folder laid out like ${AGENTIC_REPO}: templates/, classifiers/)`);
      return decodeUtf8(await readFile(file), file);
    }),
    async list(folder) {
      const names = await readdir(join(root, folder)).catch(() => [] as string[]);
      return names.filter((n) => n.endsWith('.md')).sort().map((n) => `${folder}/${n}`);
    },
  };
}

/** The framework's pinned files, fetched (and pinned on first use) into the workspace cache when read. */
export function pinnedTemplates(options: FetchOptions): TemplateSource {
  return {
    describe: `${AGENTIC_REPO} at ${AGENTIC_COMMIT} (pinned on first use)`,
    read: readOnce(async (path) => {
      const fetched = await fetchAgenticTemplate(path, options);
      return decodeUtf8(await readFile(fetched.file), fetched.file);
    }),
    async list(folder) {
      return AGENTIC_TEMPLATE_FILES.filter((p) => p.startsWith(`${folder}/`) && p.endsWith('.md') && !p.slice(folder.length + 1).includes('/'));
    },
  };
}

/** Python's string.Template.safe_substitute: `$$` is `$`; `$name` and `${name}` are replaced when known, else kept. */
export function substitute(template: string, variables: Readonly<Record<string, string>>): string {
  return template.replace(/\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})/g, (whole, dollar: string | undefined, bare: string | undefined, braced: string | undefined) => {
    if (dollar !== undefined) return '$';
    const name = bare ?? braced!;
    return Object.hasOwn(variables, name) ? variables[name]! : whole;
  });
}

/** Sections of a variable file: the heading lower-cased with spaces and hyphens as `_` -> its JSON object of strings. */
export function parseVariableFile(text: string, file: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  for (const m of text.matchAll(/## (.*?)\n\s*```json\s*([\s\S]*?)\s*```/g)) {
    const line = text.slice(0, m.index).split('\n').length;
    const key = m[1]!.trim().toLowerCase().replace(/[ -]/g, '_');
    let value: unknown;
    try {
      value = JSON.parse(m[2]!);
    } catch (e) {
      throw new DataError({ file, line }, 'variables-json', `section "${m[1]!.trim()}": ${(e as Error).message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
      throw new DataError({ file, line }, 'variables-json', `section "${m[1]!.trim()}" must be a JSON object of strings`);
    }
    sections.set(key, value as Record<string, string>);
  }
  if (sections.size === 0) throw new DataError({ file }, 'variables-json', 'no "## Section" heading followed by a ```json block');
  return sections;
}
