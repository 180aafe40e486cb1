// The schema validator of the conformance test catches what it must: it is not vacuous.
import { describe, expect, it } from 'vitest';
import { OpenAiSpec } from '../helpers/openapi.js';

describe("the validator of OpenAI's published schemas", () => {
  const spec = new OpenAiSpec();
  const completion = spec.response('/chat/completions', 'post');
  const good = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'base',
    choices: [{ index: 0, message: { role: 'assistant', content: 'x', refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
  const issuesOf = (value: unknown) => spec.validate(completion, value).map((i) => `${i.at} ${i.message}`);

  it('accepts a well-formed chat.completion', () => {
    expect(issuesOf(good)).toEqual([]);
  });

  it('reports missing required fields, wrong types, enum values and constants, through $ref and anyOf', () => {
    const { object: _, ...noObject } = good;
    expect(issuesOf(noObject)).toEqual(["$ lacks the required field 'object'"]);
    expect(issuesOf({ ...good, created: 1.5 })).toEqual(['$.created is 1.5, not of type integer']);
    expect(issuesOf({ ...good, object: 'chat.completions' })).toEqual(['$.object is "chat.completions", not one of ["chat.completion"]']);
    expect(issuesOf({ ...good, choices: [{ ...good.choices[0], finish_reason: 'other' }] })).toEqual([expect.stringMatching(/^\$\.choices\[0\]\.finish_reason is "other", not one of/)]);
    expect(issuesOf({ ...good, choices: [{ ...good.choices[0], logprobs: { content: [{ token: 'x', logprob: 0 }], refusal: null } }] })).toEqual([expect.stringMatching(/matches none of anyOf.*lacks the required field 'bytes'/)]);
    expect(issuesOf({ ...good, usage: null })).toEqual(['$.usage is null, not of type object']);
  });

  it("honours OpenAPI 3.0's nullable next to a $ref", () => {
    const chunk = spec.response('/chat/completions', 'post', '200', 'text/event-stream');
    expect(spec.validate(chunk, { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: null })).toEqual([]);
    expect(spec.validate(chunk, { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {} }] }).map((i) => i.message)).toEqual(["lacks the required field 'finish_reason'"]);
  });
});
