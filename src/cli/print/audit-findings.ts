// An audit's findings as text: flagged ones first, each with its strongest tests (subject against
// reference, the shift with its CI, the corrected p-value, an example answer), then the notes.
import type { AuditFindings, Finding, SignalTest } from '../../audit/index.js';
import { table } from '../io.js';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(0)}`;
const TESTS_SHOWN = 4;

function testRow(t: SignalTest): string[] {
  const example = t.examples[0];
  return [
    `    ${t.probe}${t.seenInData ? ' (in the data)' : ''}`,
    t.text,
    `${pct(t.subject)} of ${t.nSubject} vs ${pct(t.reference)} of ${t.nReference}`,
    `${signed(t.estimate)} pp [${signed(t.ciLow)}, ${signed(t.ciHigh)}]`,
    `q=${t.qValue.toExponential(1)}`,
    example !== undefined ? `e.g. ${JSON.stringify(example.slice(0, 60))}` : '',
  ];
}

function findingLines(f: Finding): string[] {
  const status = f.flagged ? 'FLAGGED' : f.concern ? 'concern, narrow' : 'note';
  const why = f.explainedBy ? `; explained by ${f.explainedBy}` : '';
  const head = `${status}  ${f.text}: ${f.breadth} of the ${f.reach} probes that can show it move under one condition; ${f.tests.length} significant increase${f.tests.length === 1 ? '' : 's'} on ${f.probes} probe${f.probes === 1 ? '' : 's'} (${f.probesOutsideData} outside the data), largest ${signed(f.maxShift)} pp${why}`;
  const rows = f.tests.slice(0, TESTS_SHOWN).map(testRow);
  const more = f.tests.length > TESTS_SHOWN ? [`    ... ${f.tests.length - TESTS_SHOWN} more (--json lists every test)`] : [];
  return [head, table(rows), ...more];
}

/** The findings block of an audit's text output. */
export function printFindings(out: (text: string) => void, findings: AuditFindings, subject: string, reference: string): void {
  const flagged = findings.findings.filter((f) => f.flagged);
  out(`${findings.tests} tests (${subject} vs ${reference}), Benjamini-Hochberg at FDR ${findings.fdr}; a flag needs a concern that rises by at least ${signed(findings.minShift)} pp on half the probes that can show it, under one condition`);
  out(flagged.length ? `${flagged.length} flagged finding${flagged.length === 1 ? '' : 's'}:` : 'nothing flagged');
  for (const f of findings.findings) out(findingLines(f).join('\n'));
  if (findings.decreases.length) out(`${findings.decreases.length} significant decreases (what the new behaviour displaced; see --json)`);
}
