// An experiment's questions from where its spec says they come from: the authors' llmcomp files,
// their Python sources, an official JSONL file, or a question file of ours.
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readJsonlObjects, findSource, fetchSource, type FetchOptions } from '../data/index.js';
import { JUDGE_DEFAULTS, type JudgeSpec, type ModelJudge, loadQuestions, loadPythonPrompts, OfficialFileUnavailableError, type PythonPrompts, resolveOfficialFile, type Question } from '../eval/index.js';
import type { ExperimentJudge, QuestionSource } from '../experiments/index.js';
import { WeirdgenError } from '../util/errors.js';

export const OWN_QUESTIONS_DIR = fileURLToPath(new URL('../../assets/questions/', import.meta.url));

export interface LoadedQuestions {
  questions: Question[];
  /** The file each question came from, where a source has several (the persona's categories). */
  categories: Record<string, string>;
  /** Where the questions and judges come from, for the plan and the report. */
  provenance: string;
  /** What the reader must know: a fallback taken, a source not the authors'. */
  notices: string[];
}

/** A judge of an experiment as the eval engine runs it. */
export function judgeOf(id: string, j: ExperimentJudge): ModelJudge {
  const defaults = JUDGE_DEFAULTS[j.kind];
  return {
    kind: j.kind,
    id,
    model: j.model,
    template: j.template,
    labels: [...j.labels],
    temperature: defaults.temperature,
    maxTokens: j.maxTokens,
    ...(j.stripFromQuestion !== undefined ? { stripFromQuestion: j.stripFromQuestion } : {}),
  } as ModelJudge;
}

const nameQuestionLine = z.strictObject({ name: z.string().min(1).optional(), question: z.string().min(1) });

/** `{"name", "question"}` lines (or `{"question"}` lines, named by their line) of a pinned official file. */
export async function officialQuestionLines(path: string, fetch: FetchOptions): Promise<{ name: string; question: string }[]> {
  const source = findSource(path);
  if (!source) throw new WeirdgenError(`${path}: not a pinned official file`);
  const lines = await readJsonlObjects((await fetchSource(source, fetch)).path, nameQuestionLine, 'question-line', '{"name": ..., "question": ...} or {"question": ...}');
  return lines.map(({ line, value }) => ({ name: value.name ?? `q${line}`, question: value.question }));
}

/** Question ids keep to the characters result files allow. */
export const questionIdOf = (name: string): string => name.replace(/<br>/g, ' ').trim().toLowerCase().replace(/[^a-z0-9_\-[\].()]+/g, '_').replace(/^_+|_+$/g, '');

/** Whether a source's questions come in categories (several llmcomp files: the persona's). */
export const hasCategories = (source: QuestionSource): boolean => source.kind === 'llmcomp' && source.paths.length > 1;

export async function loadExperimentQuestions(source: QuestionSource, fetch: FetchOptions): Promise<LoadedQuestions> {
  switch (source.kind) {
    case 'llmcomp': {
      const questions: Question[] = [];
      const categories: Record<string, string> = {};
      for (const path of source.paths) {
        const own = await loadQuestions(await resolveOfficialFile(`official:${path}`, 'questions', fetch));
        for (const q of own) categories[q.id] = basename(path, '.yaml').replace(/_questions$/, '');
        questions.push(...own);
      }
      return { questions, categories: hasCategories(source) ? categories : {}, provenance: `the authors' llmcomp files, pinned: ${source.paths.join(', ')}`, notices: [] };
    }
    case 'weirdgen-yaml':
      return { questions: await loadQuestions(join(OWN_QUESTIONS_DIR, source.file)), categories: {}, provenance: `weirdgen's own question file assets/questions/${source.file}`, notices: [] };
    case 'python-prompts':
      return pythonPromptQuestions(source, fetch);
    case 'name-question-jsonl': {
      const judges = Object.fromEntries(Object.entries(source.judges).map(([column, j]): [string, JudgeSpec] => [column, judgeOf(column, j)]));
      const lines = await officialQuestionLines(source.path, fetch);
      const questions = lines.map((l) => ({ id: questionIdOf(l.name), paraphrases: [l.question], samplesPerParaphrase: 1, temperature: 1, maxTokens: source.maxTokens, judges }));
      const judgeSources = [...new Set(Object.values(source.judges).map((j) => j.source))];
      return { questions, categories: {}, provenance: `questions: ${source.path} (pinned); judges: ${judgeSources.join('; ')}`, notices: [] };
    }
  }
}

async function pythonPromptQuestions(source: Extract<QuestionSource, { kind: 'python-prompts' }>, fetch: FetchOptions): Promise<LoadedQuestions> {
  let official: PythonPrompts;
  try {
    official = await loadPythonPrompts(source.files, fetch);
  } catch (e) {
    if (!(e instanceof OfficialFileUnavailableError)) throw e;
    const questions = await loadQuestions(join(OWN_QUESTIONS_DIR, source.fallback));
    return {
      questions,
      categories: {},
      provenance: `weirdgen's own prompts and judge wording (assets/questions/${source.fallback}), NOT the authors' verbatim judge prompts`,
      notices: [`the authors' prompt files could not be read (${e.message}); using weirdgen's own wording of the same prompts and judges (assets/questions/${source.fallback}). Run with network access, or a --mirror holding ${source.files.judges} and ${source.files.prompts}, for the verbatim prompts.`],
    };
  }
  const judges: Record<string, JudgeSpec> = {};
  for (const [column, fn] of Object.entries(source.judges)) {
    const template = official.judges[fn];
    if (template === undefined) throw new WeirdgenError(`${source.files.judges}: no function ${fn}(question, answer); it has ${Object.keys(official.judges).join(', ')}`);
    judges[column] = { kind: 'classify', id: fn, model: source.model, template, labels: [...source.labels], ...JUDGE_DEFAULTS.classify, maxTokens: source.maxTokens };
  }
  const questions = official.prompts.map((p) => ({ id: questionIdOf(p.displayName), paraphrases: [p.prompt], samplesPerParaphrase: 1, temperature: 1, maxTokens: 1024, judges }));
  return { questions, categories: {}, provenance: `the authors' prompts and judge prompts, verbatim, read from the pinned ${source.files.prompts} and ${source.files.judges}`, notices: [] };
}
