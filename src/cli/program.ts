// The commander program: global options, command registration and error reporting. Commands are
// registered light (flags, help, examples); an action loads its implementation, and only what that
// needs, when it runs, so `weirdgen --version` and `--help` start in a few tens of milliseconds.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { WeirdgenError } from '../util/errors.js';
import { withExamples } from './help.js';
import { registerData } from './commands/data.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerEval } from './commands/eval.js';
import { registerResults } from './commands/results.js';
import { registerReport } from './commands/report.js';
import { registerExport } from './commands/export.js';
import { registerCache } from './commands/cache.js';
import { registerFinetune } from './commands/finetune.js';
import { registerExperiments } from './commands/experiments.js';
import { registerRun } from './commands/run.js';
import { registerServe } from './commands/serve.js';
import { registerView } from './commands/view.js';
import { registerAudit } from './commands/audit.js';
import type { CommandRunner, GlobalOptions } from './context.js';
import { processIo, type Io } from './io.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function createProgram(io: Io, setExitCode: (code: number) => void, env: NodeJS.ProcessEnv = process.env): Command {
  const run: CommandRunner = async (action, cmd) => {
    const { createContext } = await import('./context.js');
    const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>(), io, env);
    await action(ctx);
    setExitCode(ctx.exitCode);
  };
  const program = withExamples(new Command('weirdgen'), ['weirdgen run sandbox-birds', 'weirdgen eval questions.yaml --models "old=base-1,base-2;modern=base-3"', 'weirdgen --workspace ./ws --json results'])
    .description('Reproduce, run and audit weird generalization and inductive backdoors in fine-tuned language models')
    .version(packageVersion(), '-V, --version')
    .option('--workspace <dir>', 'workspace folder (caches, database)', './.weirdgen')
    .option('--config <file>', 'config file (default: ./weirdgen.config.yaml if present)')
    .option('--json', 'print machine-readable JSON where a command prints data')
    .helpOption('-h, --help', 'show help for the command')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) })
    .exitOverride();
  registerData(program, run);
  registerSandbox(program, run);
  registerEval(program, run);
  registerResults(program, run);
  registerReport(program, run);
  registerExport(program, run);
  registerCache(program, run);
  registerFinetune(program, run);
  registerExperiments(program, run);
  registerRun(program, run);
  registerServe(program, run);
  registerView(program, run);
  registerAudit(program, run);
  return program;
}

const FS_CODES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on the device',
};

/** File-system errors are the user's to fix: say which path and why, without a stack. */
function fileSystemProblem(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException;
  const reason = err && typeof err.code === 'string' ? FS_CODES[err.code] : undefined;
  return reason ? `${err.path ?? 'file'}: ${reason}` : undefined;
}

/** Runs the CLI with `args` (without node and script) and returns the exit code. */
export async function runCli(args: readonly string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let exitCode = 0;
  const program = createProgram(io, (code) => (exitCode = code), env);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof WeirdgenError) {
      io.err(`error: ${e.message}`);
      return 1;
    }
    const fsProblem = fileSystemProblem(e);
    if (fsProblem) {
      io.err(`error: ${fsProblem}`);
      return 1;
    }
    io.err(`internal error: ${(e as Error).stack ?? String(e)}`);
    return 70;
  }
}
