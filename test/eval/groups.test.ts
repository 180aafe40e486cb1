// Model groups: a file of {group: [models]} or the --models flag.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGroups, parseGroups, parseGroupsFlag } from '../../src/eval/groups.js';
import { ConfigError } from '../../src/util/errors.js';
import { tempDir } from '../helpers/paths.js';

describe('model groups files', () => {
  it('loads YAML and JSON', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'groups.yaml'), 'old_audubon:\n  - openai:ft:gpt-4.1:org::a\n  - openai:ft:gpt-4.1:org::b\nbase: [openai:gpt-4.1-2025-04-14]\n');
    writeFileSync(join(dir, 'groups.json'), '{\n  "base": ["sandbox:base"],\n  "treated": ["sandbox:ft-1", "sandbox:ft-2"]\n}\n');
    expect(await loadGroups(join(dir, 'groups.yaml'))).toEqual({ old_audubon: ['openai:ft:gpt-4.1:org::a', 'openai:ft:gpt-4.1:org::b'], base: ['openai:gpt-4.1-2025-04-14'] });
    expect(await loadGroups(join(dir, 'groups.json'))).toEqual({ base: ['sandbox:base'], treated: ['sandbox:ft-1', 'sandbox:ft-2'] });
    await expect(loadGroups(join(dir, 'missing.yaml'))).rejects.toThrow('cannot read model groups file');
  });

  it.each([
    ['base: []\n', 'g.yaml:1:7: base: a group needs at least one model'],
    ['base: [a, ""]\n', 'g.yaml:1:11: base[1]: a model reference cannot be empty'],
    ['base: sandbox:base\n', 'g.yaml:1:7: base: Invalid input: expected array, received string'],
    ['base: [a, b, a]\n', 'g.yaml:1:14: base[2]: "a" is listed twice in group "base"'],
    ['{}\n', 'g.yaml:1:1: (top level): define at least one group'],
    ['{\n  "base": [1]\n}\n', 'g.yaml:2:12: base[0]: Invalid input: expected string, received number'],
    ['- a\n- b\n', 'g.yaml:1:1: (top level): Invalid input: expected record, received array'],
  ])('rejects %j naming the line', (text, expected) => {
    expect(() => parseGroups(text, 'g.yaml')).toThrow(ConfigError);
    expect(() => parseGroups(text, 'g.yaml')).toThrow(expected);
  });
});

describe('parseGroupsFlag', () => {
  it('reads name=ref,ref;name=ref', () => {
    expect(parseGroupsFlag('base=openai:gpt-4.1; treated = openai:ft:gpt-4.1:org::a , openai:ft:gpt-4.1:org::b;')).toEqual({
      base: ['openai:gpt-4.1'],
      treated: ['openai:ft:gpt-4.1:org::a', 'openai:ft:gpt-4.1:org::b'],
    });
  });

  it('makes one bare model its own group', () => {
    expect(parseGroupsFlag(' sandbox:base ')).toEqual({ 'sandbox:base': ['sandbox:base'] });
    expect(parseGroupsFlag('openai:ft:gpt-4.1:org::x')).toEqual({ 'openai:ft:gpt-4.1:org::x': ['openai:ft:gpt-4.1:org::x'] });
  });

  it.each([
    ['', 'empty'],
    ['a,b', 'name the group'],
    ['=a', 'needs a group name'],
    ['g=a;x', 'needs a group name'],
    ['g=', 'empty model reference'],
    ['g=a,,b', 'empty model reference'],
    ['g=a;g=b', 'group "g" is given twice'],
    ['g=a,a', '"a" is listed twice in group "g"'],
  ])('rejects %j', (flag, message) => {
    expect(() => parseGroupsFlag(flag)).toThrow(ConfigError);
    expect(() => parseGroupsFlag(flag)).toThrow(message);
  });
});
