// Reading vega's SVG in tests: the items of each mark type, and the visible text.

/** Items (paths, lines, rects) inside the leaf mark groups of one type, e.g. "rect", "rule". */
export function markItems(svg: string, type: string): number {
  let n = 0;
  const groups = svg.matchAll(new RegExp(`<g class="mark-${type} role-mark[^"]*"[^>]*>([\\s\\S]*?)</g>`, 'g'));
  for (const g of groups) n += (g[1]!.match(/<(path|line|rect)\b/g) ?? []).length;
  return n;
}

export function svgText(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

export function withoutText(svg: string): string {
  return svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, '');
}
