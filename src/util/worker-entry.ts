// Where a worker thread's module is: the built .js beside its caller, or, when running from source
// (tests, tsx), the .ts file through tsx's loader.

/** The entry of worker module `name` (a file beside the module at `callerUrl`, without extension). */
export function workerEntry(callerUrl: string, name: string): URL {
  if (!callerUrl.endsWith('.ts')) return new URL(`./${name}.js`, callerUrl);
  const source = new URL(`./${name}.ts`, callerUrl).href;
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(source)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
