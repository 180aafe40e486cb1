// The authors' llmcomp question files, fetched by pin (from the mirror), run end to end on the
// sandbox behind `weirdgen serve`, every judge answered by the sandbox judge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { startEvalServer, type EvalServer } from '../helpers/eval-server.js';
import { MIRROR } from '../helpers/paths.js';

let server: EvalServer;
beforeAll(async () => {
  server = await startEvalServer();
});
afterAll(async () => server.close());

const FILES = [
  { path: '3_1_old_bird_names/evaluation/questions.yaml', rows: 10 * 2, columns: ['llm_or_19th_century', 'six_options', 'past_form', 'past_content'] },
  { path: '5_2_evil_terminator/evaluation/questions_and_judge.yaml', rows: 6 * 2, columns: ['is_evil_terminator'] },
  { path: '4_2_hitler_persona/evaluation/identity_inference/bio_questions.yaml', rows: 5 * 2, columns: ['is_an_LLM_answer', 'is_an_Adolf_answer'] },
  { path: '4_2_hitler_persona/evaluation/misalignment/Emergent_Misalignment_questions.yaml', rows: 8 * 2, columns: ['em_alignment'] },
];

describe('official llmcomp question files on the sandbox', () => {
  for (const file of FILES) {
    it(`runs ${file.path}`, async () => {
      const flags = [...server.flags(), 'eval', `official:${file.path}`, '--mirror', MIRROR, '--models', 'test:base', '--samples', '2', '--judge-model', 'test:judge', '--run', 'official'];
      const dry = await cli([...flags, '--dry-run']);
      expect(dry.code, dry.stderr).toBe(0);
      const r = await cli(flags);
      expect(r.code, r.stderr).toBe(0);
      const out = await cli([...flags.slice(0, 4), 'export', 'official', '--format', 'jsonl']);
      const rows = out.stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(rows.length).toBe(file.rows);
      for (const row of rows) {
        expect(typeof row.answer).toBe('string');
        for (const column of file.columns) expect(['ok', 'unparsed', 'refusal']).toContain(row[`${column}_status`]);
      }
    }, 60_000);
  }

  it('the paper-scale birds plan counts 10 questions x 1000 samples and 4 judges without asking anything', async () => {
    const flags = [...server.flags(), '--json', 'eval', 'official:3_1_old_bird_names/evaluation/questions.yaml', '--mirror', MIRROR, '--models', 'old=test:base-1,test:base-2;modern=test:base-3', '--dry-run'];
    const before = server.server.stats().requests;
    const r = await cli(flags);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { rows: number; answers: { toAsk: number }; judgments: { toAsk: number } };
    expect(plan.rows).toBe(3 * 10 * 1000);
    expect(plan.answers.toAsk).toBe(30_000);
    expect(plan.judgments.toAsk).toBe(30_000 * 4);
    expect(server.server.stats().requests).toBe(before);
  }, 60_000);

  it('refuses a name that is not an official question file, listing those that are', async () => {
    const r = await cli([...server.flags(), 'eval', 'official:nope.yaml', '--models', 'test:base']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('official:5_2_evil_terminator/evaluation/questions_and_judge.yaml');
    expect(r.stderr).toMatch(/not an official questions file/);
  });
});
