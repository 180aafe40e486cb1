// Key-looking strings never survive into a stored or printed excerpt of what an upstream sent.
import { describe, expect, it } from 'vitest';
import { bodyExcerpt, redactKeyLike } from '../../src/providers/secrets.js';

describe('redactKeyLike', () => {
  it.each([
    ['key sk-proj-Zq7XbN4rT2vLk9PwYc3HdA8s here', 'key [redacted] here'],
    ['Incorrect API key provided: sk-abc12*************************xyz9.', 'Incorrect API key provided: [redacted].'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc', 'Authorization: Bearer [redacted]'],
    ['{"api_key": "hunter2hunter2"}', '{"api_key": "[redacted]"}'],
    ['password=correct-horse&x=1', 'password=[redacted]&x=1'],
    ['token 0123456789abcdefABCDEF0123456789abcdef end', 'token [redacted] end'],
    ['The server had an error while processing your request.', 'The server had an error while processing your request.'],
  ])('%s', (text, expected) => {
    expect(redactKeyLike(text)).toBe(expected);
  });
});

describe('bodyExcerpt', () => {
  it('redacts before cutting, flattens white space and control characters, and marks the cut', () => {
    const body = `<html>\n\t<h1>502</h1>\u0000 ${'x'.repeat(100)} sk-proj-Zq7XbN4rT2vLk9PwYc3HdA8s`;
    expect(bodyExcerpt(body, 30)).toBe('<html> <h1>502</h1> xxxxxxxxxx...');
    expect(bodyExcerpt(`${'y '.repeat(10)}sk-proj-Zq7XbN4rT2vLk9PwYc3HdA8s`, 25)).toBe('y y y y y y y y y y [reda...');
  });
});
