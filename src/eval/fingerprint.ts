// What decides every call of a run: its definition and what each model reference resolves to
// (endpoint, model, capabilities). Two runs with one fingerprint ask the same calls, so a run
// sealed complete stays complete while its fingerprint and the stored calls are unchanged.
import type { Endpoints } from '../providers/index.js';
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/hash.js';
import { judgeModelRefs, type EvalDefinition } from './plan.js';

export function runFingerprint(definition: EvalDefinition, endpoints: Endpoints): string {
  const refs = [...new Set([...Object.values(definition.groups).flat(), ...judgeModelRefs(definition)])].sort();
  const resolved = refs.map((ref) => {
    const model = endpoints.resolve(ref);
    return { ref, endpoint: model.ref.endpoint, model: model.ref.model, capabilities: model.capabilities };
  });
  return sha256Hex(canonicalJson({ definition, resolved }));
}
