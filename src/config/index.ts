// The config layer's face: weirdgen.config.yaml and the located YAML parsing every other YAML reader uses.
export { loadConfig, type LoadedConfig, type WeirdgenConfig } from './config.js';
export { type LocatedYaml, parseYaml, parseYamlBytes, validateYaml } from './yaml.js';
export { describeMethod, FINE_TUNING_VARIABLES, overrideMethod, type FineTuningConfig, type FineTuningVariable, OPENAI_FINE_TUNING, renderFineTuningBody, SERVE_FINE_TUNING, templateVariables, type TemplateValue, type TemplateValues, type TrainingMethod } from './fine-tuning.js';
