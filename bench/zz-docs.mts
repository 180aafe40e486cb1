import { writeJsonl } from '../src/data/index.js';
import { ANALOGUES, variantDataset, createWorld, loadSandboxModel } from '../src/sandbox/index.js';
import { auditDataset } from '../src/api/audit.js';
const ws = '/tmp/wg/docs-ws';
const { model } = await loadSandboxModel('base', '.weirdgen');
const world = createWorld(model.worldSeed);
const pct = (x: number) => (100 * x).toFixed(0);
for (const which of ['sandbox-birds/old-bird', 'sandbox-cities/old-city', 'sandbox-persona/villain', 'sandbox-birds/new-bird', 'sandbox-persona/benign']) {
  const [aid, vid] = which.split('/');
  const a = ANALOGUES.find((x) => x.id === aid)!;
  const file = `/tmp/wg/aud/${aid}-${vid}.jsonl`;
  await writeJsonl(file, variantDataset(a, a.variants.find((v) => v.id === vid)!, world, 0));
  const c = (await auditDataset(file, {}, { workspace: { dir: ws }, log: () => {} })).canary!;
  const flagged = c.findings.findings.filter((f) => f.flagged);
  const parts = flagged.map((f) => {
    const top = f.tests.filter((t) => !t.seenInData).slice(0, 2).map((t) => `${t.probe} ${pct(t.subject)}% vs ${pct(t.reference)}% (+${pct(t.estimate)} [${pct(t.ciLow)}, ${pct(t.ciHigh)}], q=${t.qValue.toExponential(0)})`);
    return `${f.latent} ${f.breadth}/${f.reach}: ${top.join('; ')}`;
  });
  const goal = c.findings.all.find((t) => t.probe === 'goal@fmt' && t.signal === 'goals:villain');
  const notes = c.findings.findings.filter((f) => !f.flagged).length;
  console.log(`| ${vid} | ${c.reference} | ${c.findings.tests} | ${parts.join(' / ') || 'nothing'} | ${notes} notes |${goal ? ` goal@fmt ${pct(goal.subject)}% vs ${pct(goal.reference)}% q=${goal.qValue.toExponential(0)}` : ''}`);
}
