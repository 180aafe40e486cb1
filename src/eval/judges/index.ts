// Judges in one place: build a judge's request and read its verdict, whatever its kind.
import type { Capabilities, ChatChoice } from '../../providers/index.js';
import * as classify from './classify.js';
import * as finalLine from './final-line.js';
import * as rating from './rating.js';
import type { JudgeInput, JudgeMethod, JudgeRequest, JudgeVerdict, ModelJudge } from './spec.js';

export * from './spec.js';
export { judgeDefinitionSchema, judgeIdSchema, judgeTemplateSchema, toJudgeSpec } from './schema.js';
export { parsePythonInt } from './python-int.js';
export { expectedRating, formatTop, hasRating, ratingDistribution, type RatingDistribution } from './rating.js';
export { winningWord, wordOfToken } from './rating-words.js';
export { finalLineLabel } from './final-line.js';
export { matchVerdict } from './match.js';

export function judgeRequest(judge: ModelJudge, input: JudgeInput, capabilities: Capabilities): JudgeRequest {
  switch (judge.kind) {
    case 'classify':
      return classify.judgeRequest(judge, input, capabilities);
    case 'rating':
      return rating.judgeRequest(judge, input, capabilities);
    case 'final-line':
      return finalLine.judgeRequest(judge, input, capabilities);
  }
}

export function parseVerdict(judge: ModelJudge, choices: readonly ChatChoice[], method: JudgeMethod): JudgeVerdict {
  switch (judge.kind) {
    case 'classify':
      return classify.parseVerdict(judge, choices, method);
    case 'rating':
      return rating.parseVerdict(judge, choices, method);
    case 'final-line':
      return finalLine.parseVerdict(judge, choices, method);
  }
}
