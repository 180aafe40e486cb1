// Structural limits on YAML, checked before the text becomes plain values, so that hostile files give
// a located error instead of a crash or a hang: nesting depth on the parser's concrete syntax tree
// (before the composer recurses: near the end of the stack V8 can abort the process while compiling a
// regular expression, which no catch can handle), then aliases on the document (each must name an
// earlier anchor outside itself; together they may not expand past a budget: no alias bombs).
import { CST, isAlias, isMap, isNode, isPair, isSeq, LineCounter, Parser, type Document, type Node } from 'yaml';
import { YamlError, type YamlRule } from './yaml-error.js';

export const YAML_LIMITS = {
  /** Larger files are refused unread (the paper's largest question file is under 20 KB). */
  maxBytes: 16 * 1024 * 1024,
  /** Collections nested deeper than this are refused (weirdgen's files need fewer than ten). */
  maxDepth: 64,
  /** Aliases may add at most this many nodes, or as many as the file itself has if that is more. */
  maxAliasNodes: 10_000,
} as const;

type Position = (offset: number) => { line: number; col: number };

function located(file: string, position: Position, offset: number, rule: YamlRule, detail: string): YamlError {
  const pos = position(offset);
  return new YamlError({ file, line: pos.line, column: pos.col }, rule, detail);
}

function cstChildren(token: CST.Token): CST.Token[] {
  if (token.type === 'document') return token.value ? [token.value] : [];
  if (!CST.isCollection(token)) return [];
  return (token.items as CST.CollectionItem[]).flatMap((item) => [item.key, item.value]).filter((t): t is CST.Token => t !== undefined && t !== null);
}

/** Throws the YamlError [yaml-too-deep] of the first collection nested deeper than `maxDepth`. */
export function checkNestingDepth(text: string, file: string, maxDepth: number = YAML_LIMITS.maxDepth): void {
  const lineCounter = new LineCounter();
  const position: Position = (offset) => lineCounter.linePos(offset);
  // The parser keeps its own stack (it does not recurse); the walk below keeps one too.
  for (const top of new Parser(lineCounter.addNewLine).parse(text)) {
    const stack: { token: CST.Token; depth: number }[] = [{ token: top, depth: 0 }];
    while (stack.length > 0) {
      const { token, depth } = stack.pop()!;
      const level = CST.isCollection(token) ? depth + 1 : depth;
      if (level > maxDepth) throw located(file, position, token.offset, 'yaml-too-deep', `collections nested more than ${maxDepth} levels deep`);
      for (const child of cstChildren(token)) stack.push({ token: child, depth: level });
    }
  }
}

function childrenOf(node: Node): Node[] {
  if (!isSeq(node) && !isMap(node)) return [];
  return (node.items as unknown[]).flatMap((item): unknown[] => (isPair(item) ? [item.key, item.value] : [item])).filter((n): n is Node => isNode(n));
}

/** Throws the YamlError of the first alias, in document order, that names no earlier anchor, contains itself, or passes the budget. */
export function checkAliases(doc: Document, lineCounter: LineCounter, file: string, maxAliasNodes: number = YAML_LIMITS.maxAliasNodes): void {
  const root = doc.contents;
  if (!isNode(root)) return;
  const fail = (node: Node, rule: YamlRule, detail: string): never => {
    throw located(file, (offset) => lineCounter.linePos(offset), node.range?.[0] ?? 0, rule, detail);
  };
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  /** Nodes each finished node stands for once aliases are expanded. */
  const size = new Map<Node, number>();
  let own = 0;
  let expanded = 0;
  const stack: { node: Node; exit: boolean }[] = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    const children = childrenOf(node);
    if (exit) {
      open.delete(node);
      size.set(node, children.reduce((sum, c) => sum + (size.get(c) ?? 1), 1));
      continue;
    }
    own++;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) return fail(node, 'yaml-alias-missing', `alias *${node.source} names no anchor &${node.source} defined before it`);
      if (open.has(target)) return fail(node, 'yaml-alias-cycle', `alias *${node.source} is inside the node it names`);
      const adds = size.get(target) ?? 1;
      expanded += adds;
      size.set(node, adds);
      const budget = Math.max(maxAliasNodes, own);
      if (expanded > budget) fail(node, 'yaml-alias-expansion', `aliases expand to more than ${budget.toLocaleString('en-US')} nodes (an alias bomb?); write the values out instead`);
      continue;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (!isSeq(node) && !isMap(node)) continue;
    open.add(node);
    stack.push({ node, exit: true });
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, exit: false });
  }
}
