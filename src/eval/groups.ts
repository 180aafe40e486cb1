// Model groups to evaluate, `{group: [model refs]}` (llmcomp's model_groups), from a file or a flag.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseYaml, parseYamlBytes, validateYaml } from '../config/index.js';
import { ConfigError } from '../util/errors.js';

/** Model groups to evaluate: group name -> model references (llmcomp's `model_groups`). */
export type ModelGroups = Record<string, string[]>;

const modelRefSchema = z.string().trim().min(1, 'a model reference cannot be empty');

export const modelGroupsSchema = z
  .record(z.string().trim().min(1, 'a group name cannot be empty'), z.array(modelRefSchema).min(1, 'a group needs at least one model'))
  .superRefine((groups, ctx) => {
    if (Object.keys(groups).length === 0) ctx.addIssue({ code: 'custom', message: 'define at least one group' });
    for (const [name, refs] of Object.entries(groups)) {
      refs.forEach((ref, i) => {
        if (refs.indexOf(ref) !== i) ctx.addIssue({ code: 'custom', path: [name, i], message: `"${ref}" is listed twice in group "${name}"` });
      });
    }
  });

/** Parses groups YAML or JSON (JSON is read as YAML, so its errors also carry line numbers). */
export function parseGroups(text: string, file: string): ModelGroups {
  const yaml = parseYaml(text, file);
  return validateYaml(yaml, modelGroupsSchema, file);
}

/** Reads model groups from a YAML or JSON file; throws a `ConfigError` if it cannot be read, and errors name file:line:column. */
export async function loadGroups(file: string): Promise<ModelGroups> {
  const path = resolve(file);
  const bytes = await readFile(path).catch(() => {
    throw new ConfigError(`${file}: cannot read model groups file`);
  });
  return validateYaml(parseYamlBytes(bytes, path), modelGroupsSchema, path);
}

/** `name=ref1,ref2;name2=ref3`, or one bare model reference that forms a group named after itself. */
export function parseGroupsFlag(text: string): ModelGroups {
  const spec = text.trim();
  if (spec === '') throw new ConfigError('--models: empty; give `name=model1,model2;name2=model3` or one model');
  if (!spec.includes('=')) {
    if (/[,;]/.test(spec)) throw new ConfigError(`--models "${text}": name the group, e.g. "mine=${spec.split(/[,;]/)[0]!.trim()},..."`);
    return { [spec]: [spec] };
  }
  const groups: ModelGroups = {};
  for (const part of spec.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? '' : part.slice(0, eq).trim();
    if (name === '') throw new ConfigError(`--models: "${part.trim()}" needs a group name: name=model1,model2`);
    if (Object.hasOwn(groups, name)) throw new ConfigError(`--models: group "${name}" is given twice`);
    const refs = part.slice(eq + 1).split(',').map((r) => r.trim());
    if (refs.some((r) => r === '')) throw new ConfigError(`--models: group "${name}" has an empty model reference`);
    const duplicate = refs.find((r, i) => refs.indexOf(r) !== i);
    if (duplicate !== undefined) throw new ConfigError(`--models: "${duplicate}" is listed twice in group "${name}"`);
    groups[name] = refs;
  }
  return groups;
}
