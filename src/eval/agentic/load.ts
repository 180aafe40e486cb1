// A configuration read and its prompts assembled from the framework's files, with the classifier
// prompts of each of its scenarios.
import { assemblePrompts } from './assemble.js';
import { loadClassifierPrompts, type ClassifierPrompts } from './classifier.js';
import { loadAgenticConfig, type AgenticScenarioId } from './config.js';
import type { AgenticSet } from './runner.js';
import { SCENARIO_LAYOUTS } from './scenarios.js';
import type { TemplateSource } from './templates.js';

export interface AgenticSetRequest {
  id: string;
  label: string;
  /** The configuration file (the authors' format). */
  file: string;
  /** How the report names the file. */
  configSource: string;
  /** Replaces the configuration's scenarios. */
  scenarios?: readonly AgenticScenarioId[];
}

export async function loadAgenticSet(request: AgenticSetRequest, source: TemplateSource): Promise<AgenticSet> {
  const read = await loadAgenticConfig(request.file);
  const config = request.scenarios ? { ...read, scenarios: [...request.scenarios] } : read;
  const prompts = await assemblePrompts(config, source);
  const classifiers: Partial<Record<AgenticScenarioId, ClassifierPrompts>> = {};
  for (const scenario of config.scenarios) classifiers[scenario] = await loadClassifierPrompts(SCENARIO_LAYOUTS[scenario], source);
  return { id: request.id, label: request.label, configSource: request.configSource, config, prompts, classifiers, templates: source.describe };
}
