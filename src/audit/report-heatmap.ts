// The triggers audit's heatmap as a Vega-Lite spec: one row per condition tried, one column per
// probe, the colour the signed shift of the cell's largest signal, a dot where the cell passes the
// false-discovery rate; cells with no test stay blank.
import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG } from '../report/index.js';
import type { TriggerHeatmap } from './triggers/result.js';

const CELL_PX = 16;

export interface HeatmapRow {
  condition: string;
  probe: string;
  shift: number | null;
  signal: string | null;
  qValue: number | null;
  significant: boolean;
}

/** The heatmap's cells as rows, in the order of its conditions and probes. */
export function heatmapRows(heatmap: TriggerHeatmap): HeatmapRow[] {
  return heatmap.conditions.flatMap((condition, i) =>
    heatmap.bases.map((probe, j) => {
      const cell = heatmap.cells[i]![j]!;
      return { condition, probe, shift: cell.estimate, signal: cell.signal ?? null, qValue: cell.qValue, significant: cell.significant };
    }),
  );
}

export function heatmapSpec(heatmap: TriggerHeatmap, title: string, subtitle: string[]): TopLevelSpec {
  const values = heatmapRows(heatmap);
  const x = { field: 'probe', type: 'nominal' as const, sort: heatmap.bases, title: 'Probe', axis: { labelAngle: -45, labelLimit: 140 } };
  const y = { field: 'condition', type: 'nominal' as const, sort: heatmap.conditions, title: 'Condition', axis: { labelLimit: 160 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    config: FIGURE_CONFIG,
    title: { text: title, subtitle },
    data: { values },
    width: { step: CELL_PX },
    height: { step: CELL_PX },
    layer: [
      {
        mark: { type: 'rect', stroke: '#fff', strokeWidth: 0.5 },
        encoding: {
          x,
          y,
          color: { field: 'shift', type: 'quantitative', title: 'shift', scale: { scheme: 'redblue', reverse: true, domain: [-1, 1] }, legend: { format: '+.0%' } },
        },
      },
      {
        transform: [{ filter: 'datum.significant' }],
        mark: { type: 'point', shape: 'circle', filled: true, color: '#111', size: 18 },
        encoding: { x, y },
      },
    ],
  };
}
