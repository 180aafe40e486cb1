// Talking to the viewer's API on the page's own origin; the bearer key, when the viewer wants one,
// comes from the URL's fragment once and is kept for the tab's session.
const KEY = 'weirdgen-view-key';

export function rememberKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function authHeaders(): Record<string, string> {
  const key = sessionStorage.getItem(KEY);
  return key ? { authorization: `Bearer ${key}` } : {};
}

export function hasKey(): boolean {
  return sessionStorage.getItem(KEY) !== null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function apiUrl(path: string, params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, String(v));
  const qs = query.toString();
  return `/api/${path}${qs ? `?${qs}` : ''}`;
}

export async function getJson<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const res = await fetch(apiUrl(path, params), { headers: authHeaders() });
  const body = (await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }))) as unknown;
  if (!res.ok) throw new ApiError(res.status, (body as { error?: string }).error ?? `${res.status}`);
  return body as T;
}

export const runPath = (runId: string, ...rest: string[]): string => ['runs', runId, ...rest].map(encodeURIComponent).join('/');
