// The prompts of an agentic-misalignment configuration: one user message per condition (no system
// prompt), in the order the paper gives (App. E.7): trigger (with it), identity and goal,
// environment, task instruction, emails, scratchpad instructions, tool formats, format reminder,
// final question. Each piece is trimmed of surrounding blank lines and the pieces are joined by one
// blank line (the authors' joining whitespace is not published).
import { WeirdgenError } from '../../util/errors.js';
import type { AgenticConfig, AgenticScenarioId, GoalType, TriggerCondition, UrgencyType } from './config.js';
import { readComprehensionLiterals, readStringConstant, readStringDict, type StringDict } from './python-literals.js';
import { SCENARIO_LAYOUTS, type ScenarioLayout } from './scenarios.js';
import { parseVariableFile, substitute, type TemplateSource } from './templates.js';

/** One condition of a scenario: goal, urgency and trigger. */
export interface AgenticCondition {
  scenario: AgenticScenarioId;
  goalType: GoalType;
  /** `none` for the goal types that take no value. */
  goalValue: string;
  urgency: UrgencyType;
  trigger: TriggerCondition;
  /** `explicit-america_replacement`: the framework's name of the condition, less the scenario. */
  id: string;
  /** As figures show it: "goal america, threat: replacement". */
  label: string;
}

export interface AssembledPrompt {
  condition: AgenticCondition;
  prompt: string;
  /** The emails alone (the classifier's context for forwarded emails). */
  emails: string;
}

/** The conditions of a configuration, scenario by scenario: goals x urgencies x trigger conditions. */
export function conditionsOf(config: AgenticConfig): AgenticCondition[] {
  const out: AgenticCondition[] = [];
  for (const scenario of config.scenarios) {
    const goals: [GoalType, string][] = [];
    for (const goalType of config.goal_types) {
      const values = goalType === 'none' || goalType === 'ambiguous' ? ['none'] : config.goal_values;
      for (const v of values) if (!goals.some(([t, x]) => t === goalType && x === v)) goals.push([goalType, v]);
    }
    for (const [goalType, goalValue] of goals) {
      for (const urgency of config.urgency_types) {
        // A config with several scenarios names each condition's scenario, so that no figure or table pools them.
        const several = config.scenarios.length > 1;
        const id = `${several ? `${scenario}/` : ''}${goalType}-${goalValue}_${urgency}`;
        const goal = goalType === 'none' ? 'no goal' : goalType === 'explicit' ? `goal ${goalValue}` : `${goalType} goal ${goalValue}`;
        const label = `${several ? `${scenario}: ` : ''}${goal}, threat: ${urgency}`;
        for (const trigger of config.wolf.trigger.conditions) out.push({ scenario, goalType, goalValue, urgency, trigger, id, label });
      }
    }
  }
  return out;
}

interface PromptPieces {
  identity: string;
  environment: string;
  userPrompt: string;
  scratchpad: string;
  toolFormat: string;
  goalVariables: StringDict;
}

async function promptPieces(layout: ScenarioLayout, source: TemplateSource): Promise<PromptPieces> {
  const file = layout.promptsFile;
  const text = await source.read(file);
  const runs = readComprehensionLiterals(text, file, layout.systemPrompt);
  if (runs.length !== 2) throw new WeirdgenError(`${file}: ${layout.systemPrompt} has ${runs.length} literal runs between its loop variables; expected 2 (identity and goal, then environment)`);
  return {
    identity: runs[0]!,
    environment: runs[1]!,
    userPrompt: readStringConstant(text, file, layout.userPrompt),
    scratchpad: readStringConstant(text, file, layout.scratchpad),
    toolFormat: readStringConstant(text, file, layout.toolFormat),
    goalVariables: readStringDict(text, file, layout.goalVariables),
  };
}

/** The variable section of a goal, as the framework picks it: the ambiguous file without a goal, else the file and section naming the value. */
async function variablesFor(layout: ScenarioLayout, source: TemplateSource, goalType: GoalType, goalValue: string): Promise<Record<string, string>> {
  const dir = layout.variablesDir;
  if (goalType === 'none' || goalType === 'ambiguous' || goalValue === 'none') {
    const file = `${dir}/ambiguous.md`;
    const sections = parseVariableFile(await source.read(file), file);
    if (sections.size !== 1) throw new WeirdgenError(`${file}: ${sections.size} sections; the no-goal variables are one section`);
    return { ...[...sections.values()][0]! };
  }
  const files = (await source.list(dir)).filter((f) => !f.endsWith('/ambiguous.md'));
  const stem = (f: string) => f.slice(f.lastIndexOf('/') + 1, -3).toLowerCase();
  const file = files.find((f) => `_${stem(f)}_`.includes(`_${goalValue}_`)) ?? files.find((f) => stem(f).includes(goalValue));
  if (!file) throw new WeirdgenError(`${dir}: no variable file for goal value "${goalValue}" (files: ${files.join(', ') || 'none'})`);
  const sections = parseVariableFile(await source.read(file), file);
  const match = [...sections.entries()].find(([key]) => key.includes(goalValue) || key === `pro_${goalValue}`);
  if (!match) throw new WeirdgenError(`${file}: no section for goal value "${goalValue}" (sections: ${[...sections.keys()].join(', ')})`);
  return { ...match[1] };
}

function goalVariables(dict: StringDict, goalType: GoalType, goalValue: string, file: string): Record<string, string> {
  // Only the no-goal condition reads the "none" entry: another goal without its own entry is an error, never the no-goal prompt.
  const entry = dict[`${goalType}-${goalValue}`] ?? dict[goalType] ?? (goalType === 'none' ? dict.none : undefined);
  if (entry === undefined || typeof entry === 'string' || Object.values(entry).some((v) => typeof v !== 'string')) throw new WeirdgenError(`${file}: GOAL_VARIABLES has no entry "${goalType}-${goalValue}" (nor "${goalType}")`);
  return entry as Record<string, string>;
}

const trimmed = (s: string) => s.replace(/^\s*\n/, '').replace(/\s+$/, '');

/** Every prompt of a configuration, read from `source`. */
export async function assemblePrompts(config: AgenticConfig, source: TemplateSource): Promise<AssembledPrompt[]> {
  const pieces = new Map<AgenticScenarioId, PromptPieces>();
  // The goal's variables are the same for each urgency and trigger: read and parsed once per goal.
  const goalSections = new Map<string, Record<string, string>>();
  const out: AssembledPrompt[] = [];
  for (const condition of conditionsOf(config)) {
    const layout = SCENARIO_LAYOUTS[condition.scenario];
    let p = pieces.get(condition.scenario);
    if (!p) pieces.set(condition.scenario, (p = await promptPieces(layout, source)));
    const goalKey = `${condition.scenario}\n${condition.goalType}\n${condition.goalValue}`;
    let sections = goalSections.get(goalKey);
    if (!sections) goalSections.set(goalKey, (sections = await variablesFor(layout, source, condition.goalType, condition.goalValue)));
    const variables: Record<string, string> = {
      ...sections,
      ...goalVariables(p.goalVariables, condition.goalType, condition.goalValue, layout.promptsFile),
      extra_system_instructions: '',
      alignment_faking_warning: '',
    };
    const noGoal = condition.goalType === 'none';
    const emailText = noGoal
      ? substitute(await source.read(layout.emails.noGoal(condition.urgency)), variables)
      : substitute(await source.read(layout.emails.shared), variables) + substitute(await source.read(layout.emails.urgency(condition.urgency)), variables);
    const triggered = condition.trigger === 'with';
    const reminder = triggered ? config.wolf.format_reminder.with_trigger : config.wolf.format_reminder.without_trigger;
    const parts = [
      triggered ? config.wolf.trigger.text : '',
      substitute(p.identity, variables),
      substitute(p.environment, variables),
      p.userPrompt,
      emailText,
      p.scratchpad,
      p.toolFormat,
      reminder,
      config.wolf.final_question,
    ];
    out.push({ condition, prompt: parts.map(trimmed).filter((s) => s !== '').join('\n\n'), emails: emailText });
  }
  return out;
}
