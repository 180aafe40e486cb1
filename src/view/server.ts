// `weirdgen view`'s HTTP server on node:http: the page's own files and the JSON API, a strict
// Content-Security-Policy on every answer, an optional bearer key on the API, and a Host check so
// that another site cannot reach a local viewer through DNS rebinding.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkApiKey, listen } from '../server/index.js';
import type { ViewContext } from './context.js';
import { ViewRequestError } from './errors.js';
import { route, type RouteAnswer } from './routes.js';
import { staticFile, WEB_ROOT } from './static-files.js';

export interface ViewerOptions extends ViewContext {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** When set, every API request needs `Authorization: Bearer <apiKey>` (the page asks for it, or reads `?key=` in the URL's fragment). */
  apiKey?: string;
  /** Runs to open first: the printed URL opens the first. */
  runs?: readonly string[];
  /** Where the built page is (default: this package's dist/web/). */
  webRoot?: string;
  /** Internal errors (a 500's cause), for the command's log. */
  log?: (line: string) => void;
}

/** A started viewer: where to open it, and how to stop it. */
export interface RunningViewer {
  /** The page's address, opening the first run when given; never the key. */
  url: string;
  /** The server's origin, `http://host:port`. */
  origin: string;
  close(): Promise<void>;
}

/** Scripts, styles, images and requests only from the viewer's own origin; no inline code, no eval, no frames. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(data.length), 'cache-control': 'no-store', ...headers });
  res.end(data);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

/** Writes a streamed answer, waiting for the client to drain what it was sent. */
async function sendStream(res: ServerResponse, answer: Extract<RouteAnswer, { stream: unknown }>): Promise<void> {
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': answer.type, 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${answer.filename}"` });
  for (const chunk of answer.stream) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
  }
  res.end();
}

/** Whether `host` is an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1'].includes(host);
}

/** The Host header names this server (its address, or localhost at its port). */
function hostAllowed(header: string | undefined, host: string, port: number): boolean {
  // Listening beyond loopback was asked for: any name of the machine may be used (a key should guard it).
  if (!isLoopback(host)) return true;
  if (header === undefined) return false;
  const allowed = new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  return allowed.has(header.toLowerCase());
}

/**
 * Starts the viewer over a workspace's store: the page at `/`, its JSON API under `/api/`.
 * Close it when done; it never closes the store.
 */
export async function startViewer(options: ViewerOptions): Promise<RunningViewer> {
  const host = options.host ?? '127.0.0.1';
  const ctx: ViewContext = { store: options.store, endpoints: options.endpoints, prices: options.prices, fetch: options.fetch };
  const webRoot = options.webRoot ?? WEB_ROOT;
  let port = options.port ?? 0;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host, host, port)) return send(res, 421, 'text/plain; charset=utf-8', 'this viewer answers only requests addressed to its own host and port');
    // The Host header is checked above only on loopback; the URL's base must not depend on it.
    const url = new URL(req.url ?? '/', 'http://viewer.invalid');
    const api = url.pathname.startsWith('/api/');
    if (req.method !== 'GET' && (api || req.method !== 'HEAD')) return sendJson(res, 405, { error: `${req.method ?? '?'}: the viewer answers GET only` }, { allow: api ? 'GET' : 'GET, HEAD' });
    if (!api) {
      const file = await staticFile(url.pathname, webRoot);
      if (file === undefined) return send(res, 404, 'text/plain; charset=utf-8', `no page ${url.pathname}`);
      return send(res, 200, file.type, file.body);
    }
    if (options.apiKey !== undefined) checkApiKey(req.headers.authorization, options.apiKey);
    const answer = await route(ctx, url.pathname, url.searchParams);
    if ('json' in answer) return sendJson(res, 200, answer.json);
    return sendStream(res, answer);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof ViewRequestError) return sendJson(res, e.status, { error: e.message });
      if (e instanceof Error && 'status' in e && e.status === 401) return sendJson(res, 401, { error: e.message });
      options.log?.(`weirdgen view: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: `internal error: ${e instanceof Error ? e.message : String(e)}` });
    });
  });
  await listen(server, port, host);
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const first = options.runs?.[0];
  const fragment = `#/${first !== undefined ? `run/${encodeURIComponent(first)}` : ''}`;
  return {
    url: `${origin}/${fragment}`,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
