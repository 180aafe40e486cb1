// The failure reason stored for a call whose upstream sent an unreadable body: its error kind and
// status, and at most a redacted excerpt of the body, never a key-looking string from it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { cli } from '../helpers/cli.js';
import { startEvalServer, type EvalServer } from '../helpers/eval-server.js';
import { tempDir } from '../helpers/paths.js';

const KEY = 'sk-proj-Zq7XbN4rT2vLk9PwYc3HdA8sJf5GmE1uQo6RiK0t';
const SPEC = 'questions:\n  - { id: f, paraphrases: ["q bird"], samples: 2, maxTokens: 4 }\n';

function storedErrors(workspace: string): string[] {
  const store = openStore(workspace);
  try {
    return (store.db.prepare(`SELECT error FROM requests WHERE status = 'failed' ORDER BY error`).all() as { error: string }[]).map((r) => r.error);
  } finally {
    store.close();
  }
}

let serve: EvalServer | undefined;
let upstream: Server | undefined;
afterEach(async () => {
  await serve?.close();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  serve = undefined;
  upstream = undefined;
});

describe('stored failure reasons', () => {
  it('weirdgen serve with the malformed fault: the kind and what went wrong, no characters of the body', async () => {
    serve = await startEvalServer({ faults: { malformed: 1 } });
    const workspace = tempDir();
    const r = await cli([...serve.flags(workspace), 'eval', serve.writeSpec('m.yaml', SPEC), '--models', 'test:base', '--max-attempts', '1', '--run', 'm']);
    expect(r.code).toBe(1);
    const errors = storedErrors(workspace);
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error).toMatch(/^malformed: test: unreadable response body of a 2xx response \(not valid JSON( at position \d+)?\)$/);
      expect(error).not.toMatch(/chatcmpl|"object"|assistant/);
    }
    expect(r.stdout).toMatch(/answers failed x2: malformed: test: unreadable response body/);
  }, 60_000);

  it('bodies that carry a key-looking string: status and kind stored, the excerpt redacted', async () => {
    // An upstream that answers a 502 with an HTML page, or a 200 whose JSON body is not JSON, both quoting a key.
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const model = (JSON.parse(body) as { model: string }).model;
        if (model === 'html') res.writeHead(502, { 'content-type': 'text/html' }).end(`<html>\n<body>bad gateway: upstream rejected Authorization: Bearer ${KEY} (api_key=${KEY})</body></html>`);
        else res.writeHead(200, { 'content-type': 'application/json' }).end(`${KEY} is not a completion`);
      });
    });
    await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
    const dir = tempDir();
    const config = join(dir, 'weirdgen.config.yaml');
    writeFileSync(config, `endpoints:\n  test:\n    baseUrl: http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1\n`);
    writeFileSync(join(dir, 'k.yaml'), SPEC);
    const workspace = join(dir, 'ws');
    const r = await cli(['--config', config, '--workspace', workspace, 'eval', join(dir, 'k.yaml'), '--models', 'a=test:html;b=test:json', '--max-attempts', '1', '--run', 'k', '--yes']);
    expect(r.code).toBe(1);
    const errors = storedErrors(workspace);
    expect(errors).toHaveLength(4);
    const [bad, , server] = errors as [string, string, string, string];
    expect(bad).toMatch(/^malformed: test: unreadable response body of a 2xx response \(not valid JSON/);
    expect(server).toMatch(/^server \(502\): test: 502 <html> <body>bad gateway: upstream rejected Authorization: Bearer \[redacted\] \(api_key=\[redacted\]\)/);
    for (const text of [...errors, r.stdout, r.stderr]) {
      expect(text).not.toContain(KEY.slice(0, 10));
      expect(text).not.toContain(KEY.slice(-12));
    }
  }, 60_000);
});
