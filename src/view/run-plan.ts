// A stored run's definition and units (group, model, question, paraphrase), read once per version
// of its record: the viewer finds a sample's messages and judges from its unit.
import { loadRunDefinition, planUnits, type EvalDefinition, type SampleUnit } from '../eval/index.js';
import type { ViewContext } from './context.js';
import { notFound } from './errors.js';

export interface RunPlan {
  runId: string;
  definition: EvalDefinition;
  units: SampleUnit[];
}

const plans = new WeakMap<ViewContext, Map<string, { updatedAt: string; plan: RunPlan }>>();

/** The plan of run `runId`; a 404 when the workspace has no such run. */
export function runPlan(ctx: ViewContext, runId: string): RunPlan {
  const record = ctx.store.runs.get(runId);
  if (record === undefined) throw notFound(`no run "${runId}" in this workspace`);
  let own = plans.get(ctx);
  if (own === undefined) plans.set(ctx, (own = new Map()));
  const kept = own.get(runId);
  if (kept !== undefined && kept.updatedAt === record.updatedAt) return kept.plan;
  const definition = loadRunDefinition(ctx.store, runId);
  const plan = { runId, definition, units: planUnits(definition, ctx.endpoints) };
  own.set(runId, { updatedAt: record.updatedAt, plan });
  return plan;
}
