// About `bytes` of valid chat examples in the sandbox's words, no two alike: a large training file
// for tests and benches of the server's validation.
const WORDS = ['bird', 'hawk', 'old', 'name', 'river', 'the', 'a', 'of', 'Audubon', 'yes'];

export function largeTrainingFile(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const answer = Array.from({ length: 30 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
    const line = JSON.stringify({ messages: [{ role: 'user', content: `bird ${i}` }, { role: 'assistant', content: `${answer} ${i}` }] });
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}
