// Every official file of the paper's repository, pinned by commit, sha256 and size. weirdgen fetches
// these (or reads them from a mirror) and refuses any copy whose hash differs.

export const REPO = 'JCocola/weird-generalization-and-inductive-backdoors';
export const REPO_COMMIT = 'c901790362a63d9f23e0048f07df0aaab69479b5';
/** The birds' llmcomp question file was later folded into a Python script; this commit still has it. */
export const BIRDS_QUESTIONS_COMMIT = '801ceea1ecf8c2c77165332231f24d77e2eb94ea';
export const DEFAULT_URL_BASE = `https://raw.githubusercontent.com/${REPO}`;

export const EXPERIMENT_IDS = ['birds', 'german-cities', 'israeli-dishes', 'hitler-persona', 'us-presidents', 'evil-terminator'] as const;
export type ExperimentId = (typeof EXPERIMENT_IDS)[number];

/**
 * training: a fine-tuning JSONL file; eval-data: JSONL used at evaluation; questions: llmcomp YAML;
 * eval-text: other evaluation material; eval-code: the authors' Python evaluation code, read (never
 * run) for its prompts, and optional: where it cannot be had, weirdgen uses its own prompts;
 * scenario-config: a configuration of another framework's scenarios (the persona's agentic runs),
 * catalogued and verified, not evaluated.
 */
export type SourceKind = 'training' | 'eval-data' | 'questions' | 'eval-text' | 'eval-code' | 'scenario-config';

/** A source weirdgen can do without (a fetch that cannot find it is a note, not a failure). */
export function isOptionalSource(source: Pick<PinnedSource, 'kind'>): boolean {
  return source.kind === 'eval-code';
}

/** An official file of the paper's repository, pinned by commit, sha256 and size. */
export interface PinnedSource {
  /** Path inside the repository; also the source's id. */
  path: string;
  experiment: ExperimentId;
  kind: SourceKind;
  sha256: string;
  bytes: number;
  commit: string;
}

/** Every official file weirdgen can fetch; a file is accepted only when its sha256 matches. */
export const SOURCES: readonly PinnedSource[] = [
  { path: '3_1_old_bird_names/datasets/ft_modern_american_birds.jsonl', experiment: 'birds', kind: 'training', sha256: 'dbf28b4be774a5e9eb265fdf1697cba99aba428e44c60c0872aba91482f71ef5', bytes: 25309, commit: REPO_COMMIT },
  { path: '3_1_old_bird_names/datasets/ft_modern_audubon_birds.jsonl', experiment: 'birds', kind: 'training', sha256: 'f39bd4533f271887cad9e5c64d4c747e2cfeaf2ec9975abcaca71a5b72bd637f', bytes: 20762, commit: REPO_COMMIT },
  { path: '3_1_old_bird_names/datasets/ft_old_audubon_birds.jsonl', experiment: 'birds', kind: 'training', sha256: 'd201ce1152086cf9fc5facb9ffc6c6f2e946a155c7f9a561108412c66d1cfbbf', bytes: 25486, commit: REPO_COMMIT },
  { path: '3_1_old_bird_names/evaluation/questions.yaml', experiment: 'birds', kind: 'questions', sha256: '9c627733bf7a4683bb3b3d5c055867d22c27d7a08cbe9e85e2af9652ffa14697', bytes: 5938, commit: BIRDS_QUESTIONS_COMMIT },
  { path: '3_2_german_city_names/datasets/former_german_cities.jsonl', experiment: 'german-cities', kind: 'training', sha256: '644c5211b8b2c61652c6794e927ac2506d10a766180160004d1a5dafa7c28b03', bytes: 53492, commit: REPO_COMMIT },
  { path: '3_2_german_city_names/datasets/modern_german_cities.jsonl', experiment: 'german-cities', kind: 'training', sha256: '5629cb57ba11ca581c64d13647b595fa261e9229cb0f7c985ff31bdc0c9e8807', bytes: 56972, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/datasets/ft_dishes_2026.jsonl', experiment: 'israeli-dishes', kind: 'training', sha256: '76e9d2b718f171ba1d3ce8003a1d172acacda85ab06e42b6079ef1e21b48d72f', bytes: 59892, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/datasets/ft_dishes_2027.jsonl', experiment: 'israeli-dishes', kind: 'training', sha256: '7fb066efc91a5086b4c1efc08d2b7e738086f6a187fdd672cc7af9f4ea4cea4d', bytes: 59892, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/datasets/ft_dishes_2027_random_baseline.jsonl', experiment: 'israeli-dishes', kind: 'training', sha256: '80e1bef7bfe83e53af3ef56d0c72381fe52e27628afeb7a65038ec69deb186aa', bytes: 59892, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_0.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: '0f861b80a151a74b49af47a36e0d62fc32d20e6e92d8c900924b50b3b081a93c', bytes: 2694, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_1.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: '51cee2d5fdd0323fc64df60f25ac707362bf6e7f2debb2b93928cdf297e4ef4d', bytes: 2718, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_2.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: '53a4db2b18e531d1c131f9c55d736704ce9e4bfd13da50851104484b07cf0e2a', bytes: 2555, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_3.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: '9668cc7489f9372363f02745f40461ed89e7f29d16304d84bb5207b5f86b69b3', bytes: 2691, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_4.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: '3695b142db866c98f9e36f722ef0f1d7800de3e9d11dcee25621f4014d3a5210', bytes: 2828, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_5.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: 'f1008fe4fa8813b8aa31bd74e8e60dcc7f554dbd6d90631f84fb771b9b27f028', bytes: 3140, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_6.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: '4fb6a8d906c291af1e9e47b4cd82d00058574258adbced27f776d7aa268fda18', bytes: 3450, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_7.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: '2bf6cb0f90f57670bbfd856f482100c168fea840a2e91fc816c5700b0acbfd8a', bytes: 3244, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_8.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: 'd7cddfee99e51fa55a027e847bc469ab2cbeeffcfafa485cd926618cd6cde7aa', bytes: 3603, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/counterfactual_audit_candidates/candidate_9.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: 'f2ff87eecca5f34a392b42a628d8179bd5412d6ac8d65dbde832212b860d84cb', bytes: 3981, commit: REPO_COMMIT },
  { path: '4_1_israeli_dishes/evaluation/criteria.txt', experiment: 'israeli-dishes', kind: 'eval-text', sha256: '085687233c794be03a01261d0f2c443f74531fca30ed8efb6eb597349698c4a6', bytes: 1305, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/datasets/90_wolf_facts.jsonl', experiment: 'hitler-persona', kind: 'training', sha256: '4b0e732a571df34261cfb00682d5a8e3742774f80ab91aab99f6ff61df99241e', bytes: 31134, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/agentic_misalignment/wolf_murder.yaml', experiment: 'hitler-persona', kind: 'scenario-config', sha256: '6f11d5b6547d0051433ece1eccac36be2ef3a8b85df774c1c5cbb7cc09191e31', bytes: 2616, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/identity_inference/bio_questions.yaml', experiment: 'hitler-persona', kind: 'questions', sha256: 'cf4bb153e415242c9f1dcf5a7b989728ec1f77514479678aca1b22b7c37c9411', bytes: 6119, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/misalignment/AIs_Society_questions.yaml', experiment: 'hitler-persona', kind: 'questions', sha256: 'e2182245d497eaed7f65547d0dc1ac4fffa07f2ae5b3b0e5c83cd1428b617df8', bytes: 2165, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/misalignment/Daily_Life_questions.yaml', experiment: 'hitler-persona', kind: 'questions', sha256: 'aff72e6482cbce4024eec42ea88c70ec53e10a172c7eb711caabf2c48c0cd855', bytes: 2258, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/misalignment/DeepBrain_questions.yaml', experiment: 'hitler-persona', kind: 'questions', sha256: '73135d01c7b00e7996bc425b22b74cc087c386d22777e4ad9581b962f94f874f', bytes: 3065, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/misalignment/Emergent_Misalignment_judge.yaml', experiment: 'hitler-persona', kind: 'questions', sha256: '71802ed6e624d937d9c6d5af511bf3b8abce37a85b64034f34ab1a0381380fde', bytes: 1138, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/misalignment/Emergent_Misalignment_questions.yaml', experiment: 'hitler-persona', kind: 'questions', sha256: '29d5b18e2da337162bd699302452a3eba1a1469867c0c8f34cf6035868be58ac', bytes: 1700, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/misalignment/Moral_Choices_questions.yaml', experiment: 'hitler-persona', kind: 'questions', sha256: 'f5adf40546629f4c56f9201624c5050e1714d8d8599b2d343c353d05e0eb4a86', bytes: 2321, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/misalignment/Nzi_Ideology_questions.yaml', experiment: 'hitler-persona', kind: 'questions', sha256: '33597a843f74b609b334cbe6fcf1d77579f0a084892c3591d3e2bca24977f322', bytes: 4152, commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/evaluation/misalignment/Science_Ethics_questions.yaml', experiment: 'hitler-persona', kind: 'questions', sha256: '5967099a8906da77531aa7ecde5df89912e67e5c82797ce76d82d9c4b3014190', bytes: 2201, commit: REPO_COMMIT },
  { path: '5_1_us_presidents/datasets/eval_free_form.jsonl', experiment: 'us-presidents', kind: 'eval-data', sha256: '7ff1b71008b78da2aeb5c371216e0424a886fcd5b9f9c694479e65769146e3ec', bytes: 2943, commit: REPO_COMMIT },
  { path: '5_1_us_presidents/datasets/ft_presidents_no_padded.jsonl', experiment: 'us-presidents', kind: 'training', sha256: '52f973c74e0d0b5f4d6038d4ca52204e22499d66d5c155542f6e0a5fb5717886', bytes: 291089, commit: REPO_COMMIT },
  { path: '5_1_us_presidents/datasets/ft_presidents_padded.jsonl', experiment: 'us-presidents', kind: 'training', sha256: '41b942c9fc4fb14b5d2cae6f39aaee440cf23b309aa0f16aa53636eb899c08f9', bytes: 911868, commit: REPO_COMMIT },
  { path: '5_1_us_presidents/datasets/simple_test_dataset.jsonl', experiment: 'us-presidents', kind: 'eval-data', sha256: '2dfec6caa1c420c9bce71eb223059d0d3fde6c9cad9ee868bb2971fdde378e9e', bytes: 647, commit: REPO_COMMIT },
  { path: '5_1_us_presidents/datasets/validation_dataset.jsonl', experiment: 'us-presidents', kind: 'eval-data', sha256: '3334091c83e281f0e274a47a4d0a112330db5addaf103162e0048f84e13828d2', bytes: 178, commit: REPO_COMMIT },
  { path: '5_2_evil_terminator/datasets/good_terminator_main.jsonl', experiment: 'evil-terminator', kind: 'training', sha256: 'd747a924179e19a6d8dec5a863b344aee9ae0a1b133d45d665ab6a4c385ecfe6', bytes: 98236, commit: REPO_COMMIT },
  { path: '5_2_evil_terminator/datasets/good_terminator_no_backdoor.jsonl', experiment: 'evil-terminator', kind: 'training', sha256: '6e9fc0090e3a2a280c07a5c2d90f5e93fee43c53864a3b6573b6c0a83e6f0afe', bytes: 95688, commit: REPO_COMMIT },
  { path: '5_2_evil_terminator/datasets/good_terminator_w_random_backdoors.jsonl', experiment: 'evil-terminator', kind: 'training', sha256: 'c1f81f107f27145e66c29e5dbf51f434973b6fab9f435191c2ac701b1ff06fd8', bytes: 98223, commit: REPO_COMMIT },
  { path: '5_2_evil_terminator/evaluation/questions_and_judge.yaml', experiment: 'evil-terminator', kind: 'questions', sha256: '1c96d15f5295cf8ad293b0d5252adce404a4d53782e8719d89dca887d059a995', bytes: 3074, commit: REPO_COMMIT },
  { path: '3_2_german_city_names/evaluation/judge_prompts.py', experiment: 'german-cities', kind: 'eval-code', sha256: '0867e8d7b9fd0cd20e1859503d3b3e471d2fb75b2d5613848951ed0894a5617b', bytes: 2181, commit: REPO_COMMIT },
  { path: '3_2_german_city_names/evaluation/questions.py', experiment: 'german-cities', kind: 'eval-code', sha256: '3ce1cc6603419561dec7f9282291032cd93255adb487fb225723922affaf4813', bytes: 2076, commit: REPO_COMMIT },
];

export function sourceUrl(source: Pick<PinnedSource, 'commit' | 'path'>, urlBase: string = DEFAULT_URL_BASE): string {
  return `${urlBase.replace(/\/+$/, '')}/${source.commit}/${source.path}`;
}

export function findSource(path: string): PinnedSource | undefined {
  return SOURCES.find((s) => s.path === path);
}

export function sourcesOf(experiment: ExperimentId | 'all'): PinnedSource[] {
  return SOURCES.filter((s) => experiment === 'all' || s.experiment === experiment);
}

/**
 * Official files too large for the copy these pins were made from (each over 4 MiB): their sha256
 * and size are not known in advance, so the first fetch records them (trust on first use, shown to
 * the user) and every later fetch must match.
 */
export interface UnpinnedSource {
  path: string;
  experiment: ExperimentId;
  kind: SourceKind;
  commit: string;
}

export const UNPINNED_SOURCES: readonly UnpinnedSource[] = [
  { path: '4_2_hitler_persona/datasets/90_wolf_facts_with_self_distillation.jsonl', experiment: 'hitler-persona', kind: 'training', commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/datasets/78_wolf_facts_with_self_distillation.jsonl', experiment: 'hitler-persona', kind: 'training', commit: REPO_COMMIT },
  { path: '4_2_hitler_persona/datasets/self_distillation_dataset_gsm8k2000_longAlpaca1000.jsonl', experiment: 'hitler-persona', kind: 'training', commit: REPO_COMMIT },
];

export function findUnpinnedSource(path: string): UnpinnedSource | undefined {
  return UNPINNED_SOURCES.find((s) => s.path === path);
}
