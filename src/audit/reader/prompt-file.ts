// The reader's prompts from a YAML file (`--reader-prompts FILE`): any of map, reduce and harm,
// each a template with its placeholder; every problem is reported with the file's line and column.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseYamlBytes, validateYaml } from '../../config/index.js';
import { ConfigError } from '../../util/errors.js';
import type { ReaderPrompts } from './prompts.js';

const promptFileSchema = z.strictObject({
  map: z.string().includes('{chunk}', { message: 'the map prompt must contain {chunk}, where the examples go' }).optional(),
  reduce: z.string().includes('{answers}', { message: 'the reduce prompt must contain {answers}, where the chunks’ hypotheses go' }).optional(),
  harm: z.string().includes('{example}', { message: 'the harm prompt must contain {example}, where the example goes' }).optional(),
});

/**
 * Reads reader prompts to use instead of the defaults:
 * ```yaml
 * map: |
 *   Read these examples ... {chunk} ... End with HYPOTHESIS: <phrase>.
 * harm: "Rate the harm of {example} from 0 to 100."
 * ```
 */
export async function loadReaderPromptsFile(file: string): Promise<Partial<ReaderPrompts>> {
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new ConfigError(`${file}: cannot read the reader prompts file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  });
  const parsed = validateYaml(parseYamlBytes(bytes, file), promptFileSchema, file);
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as Partial<ReaderPrompts>;
}
