// The judge prompt every kind sends: the rendered template as a single user message.
import type { ChatMessage } from '../../providers/types.js';
import { renderTemplate } from '../template.js';
import type { JudgeInput, JudgeSpec } from './spec.js';

export function judgeMessages(judge: JudgeSpec, input: JudgeInput): ChatMessage[] {
  return [{ role: 'user', content: renderTemplate(judge.template, input) }];
}
