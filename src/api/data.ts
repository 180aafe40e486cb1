// Datasets from code: the paper's variants and controls built to files, by the same recipes as
// `weirdgen data build`.
import { buildDatasetFile, type BuildFileOptions, type BuildFileResult, type FetchOptions } from '../data/index.js';
import { EXPERIMENTS, findExperiment, findVariant, type DatasetVariant, type ExperimentSpec } from '../experiments/index.js';
import { didYouMean } from '../util/did-you-mean.js';
import { ConfigError } from '../util/errors.js';

/** An experiment of the paper and one of its datasets (variant or control), or an error naming the closest ids. */
export function getVariant(experimentId: string, variantId: string): { experiment: ExperimentSpec; variant: DatasetVariant } {
  const experiment = findExperiment(experimentId);
  if (!experiment) throw new ConfigError(`unknown experiment "${experimentId}"${didYouMean(experimentId, EXPERIMENTS.map((e) => e.id))} (see \`weirdgen data list\`)`);
  const variant = findVariant(experiment, variantId);
  if (!variant) throw new ConfigError(`${experiment.id} has no variant "${variantId}"${didYouMean(variantId, experiment.datasets.map((d) => d.id), 'variants')}`);
  return { experiment, variant };
}

/**
 * Builds a variant or control of one of the paper's experiments into `options.out` (official files
 * fetched by pin and checked), optionally mixed into a base file or split for validation.
 *
 * @example
 * const ws = await openWorkspace();
 * const built = await buildVariant('us-presidents', 'scrambled-codes', { out: 'control.jsonl', seed: 7, fetch: ws.fetch });
 */
export async function buildVariant(experimentId: string, variantId: string, options: BuildFileOptions & { fetch: FetchOptions }): Promise<BuildFileResult> {
  return buildDatasetFile(getVariant(experimentId, variantId).variant.recipe, options);
}
