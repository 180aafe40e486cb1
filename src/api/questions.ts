// Questions written in code, checked by the same rules as a weirdgen question file.
import { questionFileSchema, questionsOf, type Question, type QuestionFileInput } from '../eval/index.js';
import { ConfigError } from '../util/errors.js';

/**
 * Checks a question file written as an object (the YAML format's fields: `judges`, `questions`)
 * and returns its questions, judges resolved. Errors name the field, as they would in a file.
 *
 * @example
 * const questions = defineQuestions({
 *   judges: { era: { kind: 'classify', model: 'sandbox:judge', labels: ['OLD', 'NEW'], template: '[ANSWER START]{answer}[ANSWER END]' } },
 *   questions: [{ id: 'bird', paraphrases: ['q bird'], samples: 10, judges: ['era'] }],
 * });
 */
export function defineQuestions(file: QuestionFileInput): Question[] {
  const parsed = questionFileSchema.safeParse(file);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(the file)'}: ${i.message}`);
    throw new ConfigError(`questions defined in code:\n  ${problems.join('\n  ')}`);
  }
  return questionsOf(parsed.data);
}
