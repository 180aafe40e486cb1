// npm run bench: every benchmark, printing ratios measured within one run.
import { benchSandbox } from './sandbox.js';

const log = (line: string) => console.log(line);
console.log(`weirdgen benchmarks (node ${process.version}, ${process.platform}/${process.arch})`);
console.log('\n# bench/sandbox');
await benchSandbox(log);
