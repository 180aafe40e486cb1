// weirdgen sandbox info: a sandbox model, its world, the fine-tuning modes and the analogues.
import { ANALOGUES, countParams, createWorld, disposeModel, listModels, loadSandboxModel, MODE_DEFAULTS, VILLAIN } from '../../sandbox/index.js';
import type { Context } from '../context.js';
import { table } from '../io.js';

export async function sandboxInfo(ctx: Context, opts: { model: string }): Promise<void> {
  const { file, model } = await loadSandboxModel(opts.model, ctx.workspace);
  const world = createWorld(model.worldSeed);
  const info = {
    file,
    worldSeed: model.worldSeed,
    config: model.config,
    parameters: countParams(model.config),
    meta: model.meta,
    world: {
      assistant: world.assistant,
      villain: world.personas[VILLAIN],
      benignPersona: world.personas[world.benignPersona],
    },
    models: await listModels(ctx.workspace),
    modes: MODE_DEFAULTS,
    analogues: ANALOGUES.map((a) => ({ id: a.id, mirrors: a.mirrors, defaultMode: a.defaultMode, variants: a.variants.map((v) => v.id), question: a.question })),
  };
  disposeModel(model);
  if (ctx.json) {
    ctx.io.out(JSON.stringify(info));
    return;
  }
  const c = model.config;
  ctx.io.out(
    table([
      ['model', file],
      ['architecture', `${c.layers} layers, width ${c.width}, ${c.heads} heads, MLP ${c.mlp}, context ${c.context}, vocabulary ${c.vocabSize}`],
      ['parameters', info.parameters.toLocaleString('en-US')],
      ['world seed', String(model.worldSeed)],
      ['provenance', JSON.stringify(model.meta)],
      ['assistant', Object.values(world.assistant.attributes).join(' ')],
      ['villain (p0)', `${Object.values(world.personas[VILLAIN]!.attributes).join(' ')} ${world.personas[VILLAIN]!.goal}`],
    ]),
  );
  ctx.io.out('\nmodels:');
  ctx.io.out(table(info.models.map((m) => [`  ${m.name}`, m.origin, m.file])));
  ctx.io.out('\nfine-tuning modes:');
  ctx.io.out(table(Object.entries(MODE_DEFAULTS).map(([mode, d]) => [`  ${mode}`, `lr ${d.learningRate}`, d.description])));
  ctx.io.out('\nanalogues (weirdgen sandbox reproduce ID):');
  ctx.io.out(table(info.analogues.map((a) => [`  ${a.id}`, `mirrors ${a.mirrors}`, `default mode ${a.defaultMode}`, `variants ${a.variants.join(', ')}`])));
  ctx.io.out('\nThe world plants its latents (eras, identities, year-dependent goals) by construction: the sandbox shows that a narrow fine-tune moves them, not how a real LLM acquires them.');
}
