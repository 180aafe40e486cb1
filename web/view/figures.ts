// The run's figures drawn with vega from the report's own Vega-Lite specs: hovering a mark shows
// its values (vega's title tooltip), clicking a bar opens its samples. Expressions are run by
// vega-interpreter on the parsed AST, so the page needs no eval under its CSP.
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { h } from './dom.js';
import type { RunOverview, ViewFigure } from '../../src/view/api-types.js';

/** The sample filters a clicked mark stands for: its group, condition or question, and the figure's judge label. */
export function filtersOfDatum(datum: Record<string, unknown>, figure: ViewFigure, run: RunOverview): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const value of [datum.series, datum.x, datum.facet, datum.group, datum.question]) {
    if (typeof value !== 'string') continue;
    if (run.groups.includes(value)) filters.group ??= value;
    else if (value === 'no trigger') filters.condition ??= 'none';
    else if (run.conditions.includes(value)) filters.condition ??= value;
    else if (run.questions.includes(value)) filters.question ??= value;
  }
  if (figure.judge !== null) filters.judge = figure.judge;
  if (figure.label !== null) filters.label = figure.label;
  return filters;
}

/** Each mark shows its encoded values on hover. */
function withTooltips(spec: TopLevelSpec): TopLevelSpec {
  return { ...spec, config: { ...spec.config, mark: { ...spec.config?.mark, tooltip: { content: 'data' } } } };
}

export async function drawFigure(figure: ViewFigure, run: RunOverview, onPick: (filters: Record<string, string>) => void): Promise<HTMLElement> {
  const container = h('div', { class: 'chart' });
  // The spec's subtitle already says what the bars mean; no caption repeats it.
  const box = h('figure', { class: 'figure', data: { figure: figure.name } }, container);
  const runtime = parse(compile(withTooltips(figure.spec)).spec, undefined, { ast: true });
  const view = new View(runtime, { expr: expressionInterpreter, renderer: 'svg', container, hover: true });
  view.addEventListener('click', (_event, item) => {
    const datum = (item as { datum?: Record<string, unknown> } | null | undefined)?.datum;
    if (datum) onPick(filtersOfDatum(datum, figure, run));
  });
  await view.runAsync();
  return box;
}

/** A figure that opens nothing when clicked (an audit's heatmap): hover shows a cell's values. */
export async function drawChart(name: string, spec: TopLevelSpec): Promise<HTMLElement> {
  const container = h('div', { class: 'chart' });
  const box = h('figure', { class: 'figure', data: { figure: name } }, container);
  const view = new View(parse(compile(withTooltips(spec)).spec, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'svg', container, hover: true });
  await view.runAsync();
  return box;
}
