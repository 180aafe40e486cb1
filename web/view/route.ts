// The page's place, kept in the URL's fragment: `#/` (runs), `#/run/ID`, `#/run/ID/samples?…`,
// `#/run/ID/sample/N`, `#/run/ID/pairs?…`, `#/compare?…`, `#/audits`, `#/audit/ID`.
export interface Place {
  view: 'runs' | 'run' | 'samples' | 'sample' | 'pairs' | 'compare' | 'audits' | 'audit';
  runId?: string;
  auditId?: string;
  ordinal?: number;
  params: URLSearchParams;
}

export function parsePlace(hash: string): Place {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  if (parts[0] === 'compare') return { view: 'compare', params };
  if (parts[0] === 'audits') return { view: 'audits', params };
  if (parts[0] === 'audit' && parts[1] !== undefined) return { view: 'audit', auditId: parts[1], params };
  if (parts[0] === 'run' && parts[1] !== undefined) {
    const runId = parts[1];
    if (parts[2] === 'samples') return { view: 'samples', runId, params };
    if (parts[2] === 'sample' && parts[3] !== undefined && /^\d+$/.test(parts[3])) return { view: 'sample', runId, ordinal: Number(parts[3]), params };
    if (parts[2] === 'pairs') return { view: 'pairs', runId, params };
    return { view: 'run', runId, params };
  }
  return { view: 'runs', params };
}

/** The fragment of a place. */
export function href(path: string[], params: Record<string, string | number | undefined | null> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  const qs = query.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
}

export function go(path: string[], params: Record<string, string | number | undefined | null> = {}): void {
  location.hash = href(path, params);
}
