// A planned run carried out: data built where it had to wait (self-distillation), jobs launched and
// watched, the models of each group chosen (final or the paper's checkpoint), the paper's seed
// selection, then the evaluation of every group.
import { evaluate, type ModelGroups, type EvalDefinition, type Question } from '../eval/index.js';
import { remoteApi, launchJobs, type LaunchPlan, watchJobs } from '../finetune/index.js';
import type { LedgerJob } from '../store/index.js';
import { WeirdgenError } from '../util/errors.js';
import { executeAgentic } from './agentic.js';
import { evaluationModels } from './checkpoint-models.js';
import { buildDistilledLaunch } from './distill-variant.js';
import type { RunOptions, RunPlan, RunResult } from './run.js';
import { selectSeeds, type SeedSelection } from './seed-filter.js';
import { trainingCurves } from './training-curves.js';

/** Launches (or finds) every job, then waits until all have finished. */
async function fineTune(launches: readonly LaunchPlan[], options: RunOptions): Promise<LedgerJob[]> {
  const jobs: LedgerJob[] = [];
  for (const launch of launches) {
    const remote = remoteApi(options.endpoints, launch.request.endpoint);
    const launched = await launchJobs(launch, options.store.ledger, remote, { workspace: options.workspace, onLaunched: (l) => options.log(`${l.job.group} seed ${l.job.seedIndex}: ${l.outcome === 'ledger' ? 'already launched' : l.outcome} (${l.job.jobId})`) });
    jobs.push(...launched.map((l) => l.job));
  }
  return watchJobs(options.store.ledger, (e) => remoteApi(options.endpoints, e), jobs, {
    intervalMs: options.pollMs,
    ...(options.signal ? { signal: options.signal } : {}),
    onUpdate: (_b, after) => options.log(`${after.group} seed ${after.seedIndex}: ${after.status}${after.error ? ` (${after.error})` : ''}`),
  });
}

export async function executeRun(plan: RunPlan, options: RunOptions): Promise<RunResult | undefined> {
  await options.confirm(plan.trainingUsd === undefined ? undefined : plan.trainingUsd + plan.evalUsd, `run ${plan.runId}`);
  const launches: LaunchPlan[] = [];
  for (const p of plan.variants) {
    if (p.launch) launches.push(p.launch);
    else if (p.distillation) {
      const launch = await buildDistilledLaunch(p, plan, options);
      if (!launch) return undefined;
      launches.push(launch);
    }
  }
  const jobs = await fineTune(launches, options);
  if (options.signal?.aborted) return undefined;

  const notes: string[] = [];
  const groups: ModelGroups = { base: [`${plan.endpoint}:${plan.base}`] };
  const checkpoints: RunResult['checkpoints'] = [];
  for (const p of plan.variants) {
    const own = jobs.filter((j) => j.variant === p.variant.id);
    const chosen = evaluationModels(own, p.settings, options.store.ledger, plan.endpoint);
    if (chosen.models.length === 0) throw new WeirdgenError(`${plan.experiment.id}/${p.variant.id}: no fine-tuning job succeeded (${own.map((j) => `${j.jobId}: ${j.status}${j.error ? ` ${j.error}` : ''}`).join('; ')})`);
    if (chosen.models.length < own.length) options.log(`${p.variant.id}: ${own.length - chosen.models.length} of ${own.length} jobs did not succeed; the group has ${chosen.models.length} models`);
    if (chosen.checkpoint) checkpoints.push({ variant: p.variant.id, ...chosen.checkpoint, models: chosen.models.length });
    groups[p.variant.id] = chosen.models;
  }

  const selections: SeedSelection[] = [];
  if (plan.seedFilter) {
    const filter = plan.experiment.seedFilter!;
    for (const p of plan.variants) {
      if (!p.seedSelection) continue;
      const selection = await selectSeeds(plan, p.variant.id, groups[p.variant.id]!, options);
      if (!selection) return undefined;
      selections.push(selection);
      options.log(`${p.variant.id}: ${selection.passed.length} of ${selection.models.length} seeds pass the held-in validation (accuracy > ${filter.threshold})`);
      if (selection.passed.length === 0) {
        delete groups[p.variant.id];
        notes.push(`${p.variant.id}: no seed passed the paper's held-in validation (0 of ${selection.models.length}, accuracy > ${filter.threshold}); the group is not evaluated. Rerun with --no-seed-filter to evaluate every seed.`);
      } else groups[p.variant.id] = selection.passed;
    }
  }

  const groupQuestions: Record<string, Question[]> = Object.fromEntries(Object.entries(plan.groupQuestions).filter(([g]) => g in groups));
  const definition: EvalDefinition = {
    experiment: plan.experiment.id,
    questions: plan.questions,
    groups,
    ...(Object.keys(groupQuestions).length ? { groupQuestions } : {}),
    metrics: [...plan.experiment.metrics],
  };
  const summary = await evaluate({ ...options, runId: plan.runId, definition });
  const curves = plan.experiment.trainingCurves ? trainingCurves(jobs, options.store.ledger) : undefined;
  const agentic = plan.agentic && !options.signal?.aborted ? await executeAgentic(plan.agentic, groups, options, notes) : undefined;
  return { plan, launches, jobs, groups, definition, summary, selections, checkpoints, ...(curves ? { curves } : {}), ...(agentic ? { agentic } : {}), notes };
}
