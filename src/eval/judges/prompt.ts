// The judge prompt every kind sends: the rendered template as a single user message.
import type { ChatMessage } from '../../providers/index.js';
import { renderTemplate } from '../template.js';
import type { ClassifyJudge, FinalLineJudge, JudgeInput, JudgeRequest, ModelJudge } from './spec.js';

export function judgeMessages(judge: ModelJudge, input: JudgeInput): ChatMessage[] {
  return [{ role: 'user', content: renderTemplate(judge.template, input) }];
}

/** Judges that read the reply's text: one ordinary completion at their temperature. */
export function textJudgeRequest(judge: ClassifyJudge | FinalLineJudge, input: JudgeInput): JudgeRequest {
  return { messages: judgeMessages(judge, input), temperature: judge.temperature, maxTokens: judge.maxTokens, samples: 1, method: 'text' };
}
