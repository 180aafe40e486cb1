// From what a user names (a question file, model groups, overrides) to a run's definition and id.
import { basename, extname } from 'node:path';
import type { Endpoints } from '../providers/index.js';
import type { Ledger } from '../store/index.js';
import { ConfigError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { canonicalJson } from '../util/canonical-json.js';
import { loadQuestions } from './load-questions.js';
import type { ModelGroups } from './groups.js';
import type { Question } from './question.js';
import type { EvalDefinition } from './plan.js';

/** The questions come from `specFile` or are given as `questions` (built in code). */
export type EvalRequest = ({ specFile: string; questions?: undefined } | { questions: Question[]; specFile?: undefined }) & {
  groups: ModelGroups;
  samples?: number;
  judgeModel?: string;
  /** Only these question ids. */
  questionIds?: string[];
  /** Told of problems that do not stop the load (an unreadable llmcomp sibling skipped). */
  onWarning?: (message: string) => void;
};

/** `@group` stands for the succeeded fine-tuned models of that ledger group (its seeds). */
export function expandLedgerGroups(groups: ModelGroups, ledger: Ledger): ModelGroups {
  return Object.fromEntries(
    Object.entries(groups).map(([name, refs]) => [
      name,
      refs.flatMap((ref) => {
        if (!ref.startsWith('@')) return [ref];
        const models = ledger.groupModels(ref.slice(1));
        if (models.length === 0) throw new ConfigError(`${ref}: the ledger has no succeeded fine-tuned model in group "${ref.slice(1)}" (see weirdgen finetune list)`);
        return models;
      }),
    ]),
  );
}

/** Groups with every reference written as `endpoint:model`, so that a run names its models exactly. */
export function canonicalGroups(groups: ModelGroups, endpoints: Endpoints): ModelGroups {
  return Object.fromEntries(Object.entries(groups).map(([g, refs]) => [g, refs.map((r) => endpoints.resolve(r).id)]));
}

export async function buildDefinition(request: EvalRequest, endpoints: Endpoints): Promise<EvalDefinition> {
  let questions = request.questions ?? (await loadQuestions(request.specFile, request.onWarning ? { onWarning: request.onWarning } : {}));
  if (request.questionIds) {
    const unknown = request.questionIds.filter((id) => !questions.some((q) => q.id === id));
    if (unknown.length > 0) throw new ConfigError(`${request.specFile ?? 'the questions given'}: no question ${unknown.map((u) => `"${u}"`).join(', ')}; it has ${questions.map((q) => q.id).join(', ')}`);
    questions = questions.filter((q) => request.questionIds!.includes(q.id));
  }
  return {
    questions,
    groups: canonicalGroups(request.groups, endpoints),
    ...(request.samples !== undefined ? { samples: request.samples } : {}),
    ...(request.judgeModel !== undefined ? { judgeModel: endpoints.resolve(request.judgeModel).id } : {}),
  };
}

/** The same spec, groups and overrides give the same id, so rerunning a command resumes its run. */
export function defaultRunId(specFile: string, definition: EvalDefinition): string {
  const name = basename(specFile, extname(specFile)).replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${name}-${sha256Hex(canonicalJson(definition)).slice(0, 8)}`;
}
