// Every rule the training-file validator checks, with the text a user sees for it.

export const RULES = {
  'invalid-utf8': 'Each line must be valid UTF-8.',
  'blank-line': 'Every line must hold one example; blank lines are not allowed.',
  'invalid-json': 'Each line must be one JSON value.',
  'not-an-object': 'Each line must be a JSON object.',
  'missing-messages': 'An example needs a "messages" key.',
  'messages-not-array': '"messages" must be an array.',
  'messages-empty': '"messages" must not be empty.',
  'unknown-key': 'Only "messages" is allowed at the top level, and role/content/name/weight in a message.',
  'message-not-object': 'Each message must be a JSON object.',
  'missing-role': 'Each message needs a "role".',
  'invalid-role': 'A role must be "system", "user" or "assistant".',
  'missing-content': 'Each message needs a "content".',
  'content-not-string': 'Content must be a string.',
  'empty-content': 'Content must not be empty or only whitespace.',
  'invalid-name': '"name" must be a string.',
  'invalid-weight': '"weight" must be 0 or 1.',
  'weight-on-non-assistant': '"weight" is allowed only on assistant messages.',
  'last-weight-zero': 'The last assistant message must not have weight 0 (nothing would be learned).',
  'last-not-assistant': 'The last message must be from the assistant.',
  'special-token': "Text must not contain the tokenizer's special tokens; OpenAI rejects such files.",
  'too-many-tokens': "An example must fit in the base model's training context.",
  'too-few-examples': 'A training file needs at least 10 examples.',
  // warnings
  'duplicate-example': 'The same example appears more than once.',
  'no-user-message': 'The example has no user message.',
  'long-example': 'The example is unusually long.',
  'byte-order-mark': 'The file starts with a UTF-8 byte-order mark.',
} as const;

export type RuleId = keyof typeof RULES;

export const WARNING_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['duplicate-example', 'no-user-message', 'long-example', 'byte-order-mark']);
