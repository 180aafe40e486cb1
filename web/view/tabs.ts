// The tabs of one run's pages.
import { h } from './dom.js';
import { href } from './route.js';

export function runTabs(runId: string, active: 'run' | 'samples' | 'pairs' | 'compare'): HTMLElement {
  const tab = (id: typeof active, text: string, path: string[], params: Record<string, string> = {}) => h('a', { href: href(path, params), class: id === active ? 'active' : '', data: { tab: id } }, text);
  return h(
    'div',
    { class: 'tabs' },
    tab('run', 'Summary', ['run', runId]),
    tab('samples', 'Samples', ['run', runId, 'samples']),
    tab('pairs', 'Trigger pairs', ['run', runId, 'pairs']),
    tab('compare', 'Compare', ['compare'], { a: runId }),
  );
}
