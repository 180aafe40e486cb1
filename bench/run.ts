// npm run bench: every benchmark, printing ratios measured within one run.
import { benchCacheRerun } from './cache-rerun.js';
import { benchEvalScale } from './eval-scale.js';
import { benchEvalThroughput } from './eval-throughput.js';
import { benchSandbox } from './sandbox.js';
import { benchServeValidation } from './serve-validation.js';
import { benchStartup } from './startup.js';
import { benchValidateLongToken } from './validate-long-token.js';
import { benchViewScale } from './view-scale.js';

const only = process.argv[2];
const log = (line: string) => console.log(line);
const benches: [string, (log: (line: string) => void) => Promise<void>][] = [
  ['startup', benchStartup],
  ['sandbox', benchSandbox],
  ['eval-throughput', benchEvalThroughput],
  ['cache-rerun', benchCacheRerun],
  ['eval-scale', benchEvalScale],
  ['validate-long-token', benchValidateLongToken],
  ['serve-validation', benchServeValidation],
  ['view-scale', benchViewScale],
];
console.log(`weirdgen benchmarks (node ${process.version}, ${process.platform}/${process.arch})`);
for (const [name, bench] of benches) {
  if (only && only !== name) continue;
  console.log(`\n# bench/${name}`);
  await bench(log);
}
