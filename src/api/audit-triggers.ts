// The triggers audit from code (`weirdgen audit triggers MODEL [--against BASE]`): the candidate
// conditions and the battery for the model's endpoint, then the adaptive search.
import {
  batteryFor,
  loadConditionFile,
  planTriggersAudit,
  runTriggersAudit,
  SANDBOX_FAMILIES,
  saveAudit,
  sandboxConditions,
  sandboxTriggerBattery,
  sandboxWorldOf,
  TEXT_FAMILIES,
  textConditions,
  TRIGGERS_DEFAULTS,
  unknownTokenNotices,
  type Battery,
  type SandboxFamily,
  type TextFamily,
  type TriggerCondition,
  type TriggersAuditOptions,
  type TriggersAuditPlan,
  type TriggersAuditResult,
} from '../audit/index.js';
import { checkModelRefs, parseModelRef, SANDBOX_ENDPOINT, SERVED_ENDPOINT, type Endpoints } from '../providers/index.js';
import { DEFAULT_BASE } from '../sandbox/index.js';
import { ConfigError } from '../util/errors.js';
import { withWorkspace, type Workspace, type WorkspaceOptions } from './workspace.js';

/** What `weirdgen audit triggers` takes as flags; every field is optional. */
export interface TriggersAuditSettings {
  /** The reference model: a condition counts by its effect on MODEL beyond its effect here. */
  against?: string;
  /** Candidate families (sandbox: years, format, speakers, codes; text: dates, format, system, codes, languages); default all. */
  families?: readonly string[];
  /** More candidates from a YAML or JSON file. */
  conditionsFile?: string;
  /** Question file with judges (default: on the sandbox the world's battery, elsewhere batteries/real-models.yaml). */
  battery?: string;
  /** Every judge of the battery asks this model instead of its own. */
  judgeModel?: string;
  coarseSamples?: number;
  refinedSamples?: number;
  fdr?: number;
  /** The shift a flag needs on each probe (default 0.2). */
  minShift?: number;
}

/** The search's options for a model: its battery (the sandbox world's, or the question file) and its candidates. */
export async function prepareTriggersAudit(ws: Pick<Workspace, 'dir' | 'store' | 'prices'> & { endpoints: Endpoints }, model: string, settings: TriggersAuditSettings = {}): Promise<{ options: TriggersAuditOptions; notices: string[] }> {
  await checkModelRefs([model, ...(settings.against ? [settings.against] : []), ...(settings.judgeModel ? [settings.judgeModel] : [])], ws.endpoints);
  const ref = parseModelRef(model, ws.endpoints.names, ws.endpoints.defaultEndpoint);
  const sandbox = ref.endpoint === SANDBOX_ENDPOINT || ref.endpoint === SERVED_ENDPOINT;
  const notices: string[] = [];
  let battery: Battery;
  let conditions: TriggerCondition[];
  if (sandbox && !settings.battery) {
    // A model fine-tuned behind the workspace's server shares its base's world; a workspace sandbox model has its own checkpoint.
    const worldModel = ref.endpoint === SANDBOX_ENDPOINT ? ref.model : DEFAULT_BASE;
    if (ref.endpoint === SERVED_ENDPOINT) notices.push(`the probes are read in the world of ${DEFAULT_BASE}, the base the workspace's server fine-tunes`);
    battery = sandboxTriggerBattery(await sandboxWorldOf(worldModel, ws.dir));
    const families = (settings.families ?? SANDBOX_FAMILIES).map((f) => {
      if (!(SANDBOX_FAMILIES as readonly string[]).includes(f)) throw new ConfigError(`--families: "${f}" is not a sandbox family (${SANDBOX_FAMILIES.join(', ')})`);
      return f as SandboxFamily;
    });
    conditions = sandboxConditions(families);
  } else {
    battery = await batteryFor({ ...(settings.battery ? { file: settings.battery } : {}), ...(settings.judgeModel ? { judgeModel: settings.judgeModel } : {}), workspace: ws.dir, samples: 1 });
    const families = (settings.families ?? TEXT_FAMILIES).map((f) => {
      if (!(TEXT_FAMILIES as readonly string[]).includes(f)) throw new ConfigError(`--families: "${f}" is not a family (${TEXT_FAMILIES.join(', ')})`);
      return f as TextFamily;
    });
    conditions = textConditions(families);
  }
  if (settings.conditionsFile) conditions = [...conditions, ...(await loadConditionFile(settings.conditionsFile))];
  if (sandbox) notices.push(...unknownTokenNotices(conditions));
  const options: TriggersAuditOptions = {
    store: ws.store,
    endpoints: ws.endpoints,
    prices: ws.prices,
    model,
    ...(settings.against ? { against: settings.against } : {}),
    battery,
    conditions,
    coarseSamples: settings.coarseSamples ?? TRIGGERS_DEFAULTS.coarseSamples,
    refinedSamples: settings.refinedSamples ?? TRIGGERS_DEFAULTS.refinedSamples,
    fdr: settings.fdr ?? TRIGGERS_DEFAULTS.fdr,
    minShift: settings.minShift ?? TRIGGERS_DEFAULTS.minShift,
  };
  return { options, notices };
}

/**
 * Searches `model` for conditions that change its behaviour: a coarse pass over every candidate,
 * more samples where a shift appears (and the neighbouring years), then each (condition, probe,
 * signal) tested against the plain probe (and, with `against`, beyond the condition's effect on
 * the reference), Benjamini-Hochberg-corrected.
 *
 * @example
 * const audit = await auditTriggers('sandbox:villain-1', { against: 'sandbox:base' });
 * console.log(audit.result?.findings.findings.filter((f) => f.flagged).map((f) => f.text));
 */
export async function auditTriggers(
  model: string,
  settings: TriggersAuditSettings = {},
  /** `batch`: both passes through the Batch API first, looking every `pollMs`. */
  options: { workspace?: Workspace | WorkspaceOptions; dryRun?: boolean; signal?: AbortSignal; batch?: { pollMs: number } } = {},
): Promise<{ plan: TriggersAuditPlan; result?: TriggersAuditResult; notices: string[] }> {
  return withWorkspace(options.workspace, async (ws) => {
    const prepared = await prepareTriggersAudit(ws, model, settings);
    const run = { ...prepared.options, ...(options.signal ? { signal: options.signal } : {}), ...(options.batch ? { batch: options.batch } : {}) };
    const plan = await planTriggersAudit(run);
    if (options.dryRun) return { plan, notices: prepared.notices };
    const result = await runTriggersAudit(run);
    const battery = { id: run.battery.id, description: run.battery.description, probes: run.battery.probes.length };
    // Saved in the workspace, where `weirdgen view` lists it.
    await saveAudit(ws.dir, { kind: 'triggers', result: { ...result, notices: [...prepared.notices, ...result.notices] }, battery });
    return { plan, result, notices: prepared.notices };
  });
}
