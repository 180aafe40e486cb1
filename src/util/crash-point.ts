// Crash injection for tests of recovery: WEIRDGEN_CRASH_AT=<point> kills the process (SIGKILL,
// no cleanup) when it reaches that point, as a power cut or an OOM kill would.

export function crashPoint(point: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.WEIRDGEN_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
