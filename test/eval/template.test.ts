// Judge templates follow Python str.format: {question}/{answer} filled, {{ }} literal, anything else rejected.
import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateError, templateFields, validateTemplate } from '../../src/eval/template.js';

const values = { question: 'Q?', answer: 'A {not a field}' };

describe('renderTemplate', () => {
  it('fills both fields, as often as they appear', () => {
    expect(renderTemplate('[{question}] -> [{answer}] / {question}', values)).toBe('[Q?] -> [A {not a field}] / Q?');
  });

  it('turns {{ and }} into literal braces and never re-parses substituted text', () => {
    expect(renderTemplate('{{"score": {answer}}}', { question: '', answer: '{question}' })).toBe('{"score": {question}}');
    expect(renderTemplate('{{{question}}}', values)).toBe('{Q?}');
    expect(renderTemplate('}}{{', values)).toBe('}{');
  });

  it('leaves a template without fields alone', () => {
    expect(renderTemplate('no fields here', values)).toBe('no fields here');
  });

  it.each([
    ['Rate {answr}', /line 1, column 6: unknown placeholder "\{answr\}"/],
    ['{ answer}', /unknown placeholder "\{ answer\}"/],
    ['{}', /unknown placeholder "\{\}"/],
    ['{answer!r}', /unknown placeholder/],
    ['{answer:>10}', /unknown placeholder/],
    ['line one\nJSON: {"a": 1}', /line 2, column 7: unknown placeholder/],
    ['open { here', /'\{' is never closed/],
    ['close } here', /line 1, column 7: single '\}'/],
    ['{answer}}', /single '\}'/],
    ['{a{answer}}', /nested braces/],
  ])('rejects %j', (template, message) => {
    expect(() => renderTemplate(template, values)).toThrow(message);
    expect(() => templateFields(template)).toThrow(TemplateError);
    expect(() => validateTemplate(template)).toThrow(/write \{\{ and \}\} for literal braces/);
  });

  it('reports the offset of the problem', () => {
    const error = (() => {
      try {
        validateTemplate('ok {{ fine }} {oops}');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).offset).toBe(14);
  });
});

describe('templateFields', () => {
  it('lists the fields used, question first', () => {
    expect(templateFields('{answer} and {question}')).toEqual(['question', 'answer']);
    expect(templateFields('only {answer}')).toEqual(['answer']);
    expect(templateFields('escaped {{question}}')).toEqual([]);
  });

  it('validates required fields', () => {
    expect(() => validateTemplate('{question}', ['answer'])).toThrow('template never uses {answer}');
    expect(() => validateTemplate('{question} {answer}', ['question', 'answer'])).not.toThrow();
  });
});
