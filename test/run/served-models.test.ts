// Models that `weirdgen run` fine-tunes on the sandbox stay usable from later commands by the ids and
// groups the ledger shows: the workspace's server starts when one of its models is first asked,
// never for a plan, a cached rerun or results.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';
import { exitCode } from '../helpers/serve-process.js';

const SPEC = ['questions:', '  - { id: bird, paraphrases: ["q bird"], samples: 3, maxTokens: 6 }'].join('\n');
const OLD_BIRD = 'sandbox-birds/old-bird/served:base';

describe('models fine-tuned by run on the sandbox', () => {
  it('are evaluated by their ledger group in a later command, starting the workspace server only for calls it must answer', async () => {
    const ws = tempDir();
    const dir = tempDir();
    const small = ['run', 'sandbox-birds', '--seeds', '1', '--samples', '1', '--out', join(dir, 'out'), '--mirror', MIRROR];
    const ran = await cli(['--workspace', ws, ...small]);
    expect(ran.code, ran.stderr.slice(-2000)).toBe(0);

    const groups = JSON.parse((await cli(['--workspace', ws, '--json', 'finetune', 'list'])).stdout) as { group: string; models: string[] }[];
    const models = groups.find((g) => g.group === OLD_BIRD)?.models ?? [];
    expect(models).toEqual([expect.stringMatching(/^served:ft:/)]);

    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, SPEC);
    const evalArgs = ['--workspace', ws, 'eval', spec, '--models', `old=@${OLD_BIRD}`, '--run', 'later'];
    const asked = await cli(evalArgs);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toMatch(/answers\s+3 calls\s+0 cached\s+3 asked/);
    const rows = (await cli(['--workspace', ws, 'export', 'later', '--format', 'jsonl'])).stdout.split('\n').map((l) => JSON.parse(l) as { model: string; answer: string | null; error: string | null });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.model).toBe(models[0]);
      expect(row.error).toBeNull();
      expect(row.answer).toMatch(/\S/);
    }

    // While another live process serves the workspace, nothing that needs no answer starts a server.
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      mkdirSync(join(ws, 'locks'), { recursive: true });
      writeFileSync(join(ws, 'locks', 'serve.lock'), String(holder.pid));
      const dry = await cli(['--workspace', ws, ...small, '--dry-run']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('(dry run: nothing launched or asked)');
      expect((await cli(['--workspace', ws, 'results', 'later'])).code).toBe(0);
      const cached = await cli(evalArgs);
      expect(cached.code, cached.stderr).toBe(0);
      expect(cached.stdout).toMatch(/answers\s+3 calls\s+3 cached\s+0 asked/);
      // A call that needs the server names the process that holds it.
      const refused = await cli([...evalArgs.slice(0, -2), '--samples', '4', '--run', 'more']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(`another weirdgen (pid ${holder.pid}) holds this lock`);
    } finally {
      holder.kill();
    }
    await exitCode(holder);
    // Once that process has gone its lock is taken over.
    const more = await cli([...evalArgs.slice(0, -2), '--samples', '4', '--run', 'more']);
    expect(more.code, more.stderr).toBe(0);
    expect(more.stdout).toMatch(/answers\s+4 calls\s+3 cached\s+1 asked/);
  }, 180_000);
});
