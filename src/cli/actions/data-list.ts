// weirdgen data list: every experiment's variants and controls, and the pinned official files.
import { describeStep, SOURCES } from '../../data/index.js';
import { EXPERIMENTS } from '../../experiments/index.js';
import type { Context } from '../context.js';
import { formatInt, table } from '../io.js';

export async function dataList(ctx: Context): Promise<void> {
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ sources: SOURCES, experiments: EXPERIMENTS.map((e) => ({ id: e.id, title: e.title, datasets: e.datasets })) }));
    return;
  }
  for (const e of EXPERIMENTS) {
    ctx.io.out(`\n${e.id}: ${e.title} (paper section ${e.paperSection})`);
    ctx.io.out(
      table(
        e.datasets.map((d) => [
          `  ${d.id}`,
          d.role + (d.inPaper ? '' : '*'),
          [d.recipe.source.split('/').pop() ?? '', ...(d.recipe.steps ?? []).map(describeStep)].join(' -> '),
        ]),
      ),
    );
    const files = SOURCES.filter((s) => s.experiment === e.id);
    ctx.io.out(table(files.map((s) => [`    ${s.kind}`, s.path, `${formatInt(s.bytes)} B`, s.sha256.slice(0, 12)])));
  }
  ctx.io.out('\n* not trained in the paper: a control or rebuild weirdgen adds');
}
