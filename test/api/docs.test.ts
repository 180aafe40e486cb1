// Every export of the public entry points is documented (TSDoc), and the main functions show an
// example; docs/api.md names every exported function.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths.js';

const ENTRIES = ['src/index.ts', 'src/api/sandbox.ts', 'src/api/serve.ts'];
const WITH_EXAMPLE = ['openWorkspace', 'defineQuestions', 'evaluateQuestions', 'runEvaluation', 'runExperiment', 'launchFineTune', 'buildVariant', 'sampleSandbox', 'fineTuneSandbox'];

interface Exported {
  entry: string;
  name: string;
  documented: boolean;
  example: boolean;
  kind: 'function' | 'class' | 'value' | 'type';
}

function publicExports(): Exported[] {
  const program = ts.createProgram(
    ENTRIES.map((e) => join(REPO_ROOT, e)),
    { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, types: ['node'] },
  );
  const checker = program.getTypeChecker();
  return ENTRIES.flatMap((entry) => {
    const source = program.getSourceFile(join(REPO_ROOT, entry))!;
    const module = checker.getSymbolAtLocation(source)!;
    return checker.getExportsOfModule(module).map((exported): Exported => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const tags = symbol.getJsDocTags(checker);
      const kind = symbol.flags & ts.SymbolFlags.Function ? 'function' : symbol.flags & ts.SymbolFlags.Class ? 'class' : symbol.flags & (ts.SymbolFlags.Variable | ts.SymbolFlags.Enum) ? 'value' : 'type';
      return { entry, name: exported.name, documented: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim().length > 0, example: tags.some((t) => t.name === 'example'), kind };
    });
  });
}

describe('the public API', () => {
  const exported = publicExports();

  it('documents every export', () => {
    expect(exported.length).toBeGreaterThan(80);
    expect(exported.filter((e) => !e.documented).map((e) => `${e.entry}: ${e.name}`)).toEqual([]);
  });

  it('shows an example on the main functions', () => {
    const missing = WITH_EXAMPLE.filter((name) => !exported.some((e) => e.name === name && e.example));
    expect(missing).toEqual([]);
  });

  it('lists every exported function and class in docs/api.md', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'api.md'), 'utf8');
    const unlisted = exported.filter((e) => (e.kind === 'function' || e.kind === 'class') && !doc.includes(`\`${e.name}`)).map((e) => e.name);
    expect(unlisted).toEqual([]);
  });
});
