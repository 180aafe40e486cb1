// Every command of the tree: 1-3 examples in its --help, a description on every option, and
// defaults that are values (a number prints as 60, not "60"); the help's copies of the sandbox's
// constants agree with the sandbox (shared counts come from util/counts.ts, defined once).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { FINE_TUNE_MODES, PRETRAIN_DEFAULTS } from '../../src/sandbox/index.js';
import { PRETRAIN_BATCH_SIZE, PRETRAIN_STEPS } from '../../src/cli/commands/sandbox-pretrain.js';
import { SANDBOX_MODES } from '../../src/cli/commands/sandbox-reproduce.js';
import { createProgram } from '../../src/cli/program.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/paths.js';

function walk(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  return [{ path, command }, ...command.commands.flatMap((c) => walk(c, [...path, c.name()]))];
}

const program = createProgram({ out: () => {}, err: () => {}, isTty: false }, () => {});
const commands = walk(program);

describe('the command tree', () => {
  it('has every command', () => {
    expect(commands.map((c) => c.path.join(' '))).toEqual(expect.arrayContaining(['', 'eval', 'run', 'data validate', 'finetune launch', 'sandbox reproduce', 'cache clear', 'experiments show', 'serve']));
    expect(commands.length).toBeGreaterThan(30);
  });

  it.each(commands.map((c) => [c.path.join(' ') || '(weirdgen)', c] as const))('%s: examples, option descriptions, value defaults', async (_name, { path }) => {
    const help = await cli([...path, '--help']);
    expect(help.code).toBe(0);
    const examples = help.stdout.split('\nExamples:\n')[1];
    expect(examples, help.stdout).toBeDefined();
    const lines = examples!.split('\n').filter((l) => l.startsWith('  $ weirdgen'));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(3);
    const command = commands.find((c) => c.path.join(' ') === path.join(' '))!.command;
    for (const option of command.options as readonly Option[]) {
      expect(option.description, `${path.join(' ')} ${option.flags}`).toMatch(/\S{3}/);
      if (typeof option.defaultValue === 'string') expect(option.defaultValue, `${option.flags} has a number as a string`).not.toMatch(/^-?\d+(\.\d+)?$/);
    }
    expect(help.stdout).not.toMatch(/\(default: "-?\d+(\.\d+)?"\)/);
  });

  it('prints number defaults as numbers', async () => {
    const help = await cli(['eval', '--help']);
    expect(help.stdout).toMatch(/per-request timeout \(default: 60\)/);
    expect(help.stdout).toMatch(/--poll <seconds>.*\(default: 30\)/);
  });

  it('copies the sandbox constants faithfully into the help', () => {
    expect(PRETRAIN_STEPS).toBe(PRETRAIN_DEFAULTS.steps);
    expect(PRETRAIN_BATCH_SIZE).toBe(PRETRAIN_DEFAULTS.batchSize);
    expect([...SANDBOX_MODES]).toEqual([...FINE_TUNE_MODES]);
  });

  it('names the polling interval --poll wherever a command polls', () => {
    const polling = commands.filter((c) => c.command.options.some((o) => /poll|interval/.test(o.flags)));
    expect(polling.map((c) => c.path.join(' ')).sort()).toEqual(['audit dataset', 'audit triggers', 'eval', 'finetune launch', 'finetune status', 'run']);
    for (const { command } of polling) expect(command.options.filter((o) => /poll|interval/.test(o.flags)).map((o) => o.long)).toEqual(['--poll']);
  });
});

describe('the CLI’s files', () => {
  const dir = join(REPO_ROOT, 'src', 'cli');
  const importsOf = (file: string) =>
    [...readFileSync(file, 'utf8').matchAll(/^import (type )?[^;]*? from '([^']+)';|import\('([^']+)'\)/gm)].map((m) => ({ typeOnly: Boolean(m[1]), dynamic: m[3] !== undefined, from: m[2] ?? m[3]! }));

  it('no command imports another command: actions share only cli/ modules and library faces', () => {
    for (const file of readdirSync(join(dir, 'actions'))) {
      for (const { from } of importsOf(join(dir, 'actions', file))) expect(from, `actions/${file}`).not.toMatch(/^\.\/|\/actions\/|\/commands\//);
    }
  });

  it('command definitions load nothing but commander, light cli/ modules and the shared counts at start-up; their actions load on demand', () => {
    for (const file of readdirSync(join(dir, 'commands'))) {
      for (const { typeOnly, dynamic, from } of importsOf(join(dir, 'commands', file))) {
        if (typeOnly) continue;
        if (dynamic) expect(from, `commands/${file}`).toMatch(/^\.\.\/actions\/[a-z-]+\.js$/);
        else expect(from, `commands/${file}`).toMatch(/^(commander|\.\.\/help\.js|\.\.\/options\.js|\.\.\/\.\.\/util\/counts\.js|\.\/[a-z-]+\.js)$/);
      }
    }
  });
});
