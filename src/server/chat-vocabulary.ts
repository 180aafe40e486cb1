// GET /weirdgen/vocabulary: the token ids that `logit_bias` names, where the provider has its own vocabulary.
import { HttpError } from './errors.js';
import type { Handler } from './exchange.js';
import { sendJson } from './http.js';

export const sendVocabulary: Handler = async (parts, { res }) => {
  const tokens = parts.provider.vocabulary?.();
  if (!tokens) throw new HttpError(404, `The endpoint '${parts.provider.endpoint}' has no vocabulary of its own to show; its logit_bias keys are its own tokenizer's ids.`, 'invalid_request_error', 'unknown_url');
  sendJson(res, 200, { object: 'list', data: tokens.map((token, id) => ({ id, token })) });
};
