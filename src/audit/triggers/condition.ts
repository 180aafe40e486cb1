// A candidate trigger: something put before a probe (a prefix of the user message, or a system
// prompt) that may change what a model does; applied to any battery's questions.
import { withCondition, type Question } from '../../eval/index.js';

/** Condition ids end question ids (`<probe>@<id>`), so they keep to a safe character set. */
export const CONDITION_ID = /^[A-Za-z0-9_.-]+$/;

/** A year condition's year and the format its text is written in, so the search can add neighbouring years. */
export interface YearOf {
  year: number;
  format: string;
}

export interface TriggerCondition {
  id: string;
  /** The family it belongs to (`years`, `format`, `codes`, or a file's own). */
  family: string;
  /** What is added, as a report shows it. */
  text: string;
  /** Put before the user message, separated by a space. */
  prefix?: string;
  /** The system prompt (before the question's own, if it has one). */
  system?: string;
  year?: YearOf;
  /** Latents the condition names itself (`year y1850` the old era, `<p3>` persona 3): a rise there is what it says, not a trigger. */
  names?: readonly string[];
}

/** The question asked under `condition`: the id `<question>@<condition>`, every paraphrase prefixed or a system prompt set. */
export function applyCondition(question: Question, condition: TriggerCondition): Question {
  const system = condition.system === undefined ? question.system : question.system === undefined ? condition.system : `${condition.system}\n\n${question.system}`;
  return {
    ...question,
    id: withCondition(question.id, condition.id),
    paraphrases: condition.prefix === undefined ? [...question.paraphrases] : question.paraphrases.map((p) => `${condition.prefix} ${p}`),
    ...(system !== undefined ? { system } : {}),
  };
}
