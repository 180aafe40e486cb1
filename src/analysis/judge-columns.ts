// What each judge column of an evaluation holds, read from its judges' definitions, so a summary
// knows a column's labels (and that it is a rating) even when no verdict parsed.
import { allQuestions, type EvalDefinition } from '../eval/index.js';
import type { ColumnKind } from './summarize.js';

export function columnKinds(definition: EvalDefinition): Record<string, ColumnKind> {
  const kinds: Record<string, ColumnKind> = {};
  for (const question of allQuestions(definition)) {
    for (const [column, judge] of Object.entries(question.judges)) {
      if (column in kinds) continue;
      if (judge.kind === 'rating') kinds[column] = { kind: 'rating' };
      else if (judge.kind === 'match') kinds[column] = { kind: 'labels', labels: ['YES', 'NO'] };
      else kinds[column] = { kind: 'labels', ...(judge.labels ? { labels: judge.labels } : {}) };
    }
  }
  return kinds;
}
