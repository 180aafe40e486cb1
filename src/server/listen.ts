// Listening on host:port, with the failures a user can fix (port taken, not allowed, no such address) as errors that say so.
import type { Server } from 'node:http';
import { WeirdgenError } from '../util/errors.js';

const REASONS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'is already in use (another weirdgen serve?)',
  EACCES: 'needs privileges this process lacks',
  EADDRNOTAVAIL: 'is not an address of this machine',
  ENOTFOUND: 'names no host that resolves',
};

/** The server could not listen where it was asked to. */
export class ListenError extends WeirdgenError {
  override readonly name = 'ListenError';
  constructor(
    readonly code: string,
    readonly host: string,
    readonly port: number,
  ) {
    super(`cannot listen on ${host}:${port}: it ${REASONS[code] ?? `failed (${code})`}; port 0 takes any free port`);
  }
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (e: NodeJS.ErrnoException): void => {
      reject(typeof e.code === 'string' && e.code in REASONS ? new ListenError(e.code, host, port) : e);
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}
