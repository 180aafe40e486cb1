// The examples every command's --help ends with.
import type { Command } from 'commander';

/** Adds `Examples:` with one to three command lines (each may carry a `# comment`) after the help. */
export function withExamples(command: Command, examples: readonly string[]): Command {
  if (examples.length < 1 || examples.length > 3) throw new Error(`${command.name()}: give 1-3 examples`);
  return command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}`);
}
