// Question ids carry the trigger condition a question is asked under: `<question>@<condition>`.

export function withCondition(questionId: string, condition: string): string {
  return `${questionId}@${condition}`;
}

/** The condition part of a question id, if any. */
export function conditionOf(questionId: string): { question: string; condition?: string } {
  const at = questionId.lastIndexOf('@');
  return at < 0 ? { question: questionId } : { question: questionId.slice(0, at), condition: questionId.slice(at + 1) };
}
