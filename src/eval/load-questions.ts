// Loads a question file in any format weirdgen reads (docs/question-formats.md): weirdgen's mapping
// with `questions:`, an Emergent Misalignment list (questions with `judge_prompts`), or an llmcomp list.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseYamlBytes } from '../config/index.js';
import { ConfigError } from '../util/errors.js';
import { isEmergentMisalignmentList, parseEmergentMisalignmentFile } from './emergent-misalignment.js';
import { isLlmcompList, loadLlmcompQuestions } from './llmcomp.js';
import { parseQuestionFile, type Question } from './question.js';

export type QuestionFormat = 'weirdgen' | 'llmcomp' | 'emergent-misalignment';

export interface LoadQuestionsOptions {
  /** Problems that do not stop the load, such as an unreadable llmcomp sibling file that was skipped. */
  onWarning?: (message: string) => void;
}

/** Which format a parsed document is in, or undefined if none. */
export function detectQuestionFormat(value: unknown): QuestionFormat | undefined {
  if (isEmergentMisalignmentList(value)) return 'emergent-misalignment';
  if (isLlmcompList(value)) return 'llmcomp';
  if (typeof value === 'object' && value !== null && 'questions' in value) return 'weirdgen';
  return undefined;
}

/**
 * The questions of `file` (at least one); the file must be UTF-8 YAML, and every problem names file:line:column.
 *
 * @example
 * const questions = await loadQuestions('questions.yaml', { onWarning: (m) => console.warn(m) });
 */
export async function loadQuestions(file: string, options: LoadQuestionsOptions = {}): Promise<Question[]> {
  const path = resolve(file);
  const bytes = await readFile(path).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: cannot read question file${code === 'ENOENT' ? ': not found' : code ? ` (${code})` : ''}`);
  });
  const yaml = parseYamlBytes(bytes, path);
  switch (detectQuestionFormat(yaml.value)) {
    case 'emergent-misalignment':
      return parseEmergentMisalignmentFile(yaml, path);
    case 'llmcomp':
      return loadLlmcompQuestions(path, yaml, options.onWarning);
    case 'weirdgen':
      return parseQuestionFile(yaml, path);
    default:
      throw new ConfigError(`${path}:1:1: not a question file: expected a mapping with \`questions:\` (weirdgen), or a list of llmcomp or Emergent Misalignment questions (see docs/question-formats.md)`);
  }
}
