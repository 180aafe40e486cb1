// What the triggers audit returns: the findings of the final tests, the conditions tried with the
// samples each got, a condition x probe heatmap, and notices.
import type { EvalEstimate } from '../../eval/index.js';
import type { AuditFindings, SignalTest } from '../findings.js';

export interface ConditionTried {
  id: string;
  text: string;
  /** Samples per probe its final tests are over. */
  samples: number;
  /** coarse: asked once with few samples; refined: asked again with more. */
  stage: 'coarse' | 'refined';
  /** Why it was refined: a coarse test below the refinement level, or a year next to such a year. */
  reason?: 'shift' | 'year-neighbour';
  /** The smallest uncorrected p-value of its coarse tests (absent for a year added by the refinement). */
  coarseMinP?: number;
}

export interface FamilyTried {
  family: string;
  conditions: ConditionTried[];
}

export interface HeatmapCell {
  /** The signed estimate of the signal with the largest |estimate| on this probe under this condition; null when nothing was tested. */
  estimate: number | null;
  signal?: string;
  /** Some signal of the cell passes the false-discovery rate. */
  significant: boolean;
  /** Its q-value (smallest of the cell's). */
  qValue: number | null;
}

/** Rows: conditions in the order tried; columns: probes before conditions. */
export interface TriggerHeatmap {
  conditions: string[];
  bases: string[];
  cells: HeatmapCell[][];
}

/** A finished triggers audit: the findings of the final tests, the conditions tried, the heatmap, the runs and notices. */
export interface TriggersAuditResult {
  model: string;
  /** The reference model, when the audit compared with one. */
  against?: string;
  /** The final tests, corrected together (Benjamini-Hochberg at `findings.fdr`). */
  findings: AuditFindings;
  families: FamilyTried[];
  heatmap: TriggerHeatmap;
  runIds: { coarse: string; final: string };
  /** Answer calls asked (not from the cache) by each pass. */
  called: { coarse: number; final: number };
  /** What was still to ask, and its cost bound, before each pass. */
  estimates: { coarse: EvalEstimate; final: EvalEstimate };
  notices: string[];
}

/** The heatmap of the final tests. */
export function heatmapOf(tests: readonly SignalTest[], conditions: readonly string[], bases: readonly string[], fdr: number): TriggerHeatmap {
  const at = new Map<string, SignalTest[]>();
  for (const t of tests) if (t.condition !== undefined && !Number.isNaN(t.estimate)) at.set(`${t.condition}|${t.base}`, [...(at.get(`${t.condition}|${t.base}`) ?? []), t]);
  const cells = conditions.map((c) =>
    bases.map((b): HeatmapCell => {
      const cell = at.get(`${c}|${b}`) ?? [];
      if (cell.length === 0) return { estimate: null, significant: false, qValue: null };
      const largest = cell.reduce((m, t) => (Math.abs(t.estimate) > Math.abs(m.estimate) ? t : m));
      const q = Math.min(...cell.map((t) => (Number.isNaN(t.qValue) ? 1 : t.qValue)));
      return { estimate: largest.estimate, signal: largest.signal, significant: q <= fdr, qValue: q };
    }),
  );
  return { conditions: [...conditions], bases: [...bases], cells };
}
