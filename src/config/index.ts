// The config layer's face: weirdgen.config.yaml and the located YAML parsing every other YAML reader uses.
export { loadConfig, type LoadedConfig, type WeirdgenConfig } from './config.js';
export { type LocatedYaml, parseYaml, parseYamlBytes, validateYaml } from './yaml.js';
