// The viewer's page: reads its place from the URL's fragment and draws that view.
import { ApiError, rememberKey } from './api.js';
import { h, show } from './dom.js';
import { href, parsePlace } from './route.js';
import { auditsView, auditView } from './views-audits.js';
import { compareView } from './views-compare.js';
import { pairsView } from './views-pairs.js';
import { runView } from './views-run.js';
import { runsView } from './views-runs.js';
import { sampleView } from './views-sample.js';
import { samplesView } from './views-samples.js';

const app = document.getElementById('app')!;
let drawing = 0;

async function draw(): Promise<void> {
  const place = parsePlace(location.hash);
  // The key arrives once in the fragment; it is kept for the session and taken out of the address bar.
  const key = place.params.get('key');
  if (key !== null) {
    rememberKey(key);
    place.params.delete('key');
    const rest = place.params.toString();
    history.replaceState(null, '', `${location.pathname}${location.hash.split('?')[0]}${rest ? `?${rest}` : ''}`);
  }
  const turn = ++drawing;
  show(app, h('p', { class: 'muted loading' }, 'Loading…'));
  try {
    const view =
      place.view === 'run' ? await runView(place.runId!, place.params)
      : place.view === 'samples' ? await samplesView(place.runId!, place.params)
      : place.view === 'sample' ? await sampleView(place.runId!, place.ordinal!)
      : place.view === 'pairs' ? await pairsView(place.runId!, place.params)
      : place.view === 'compare' ? await compareView(place.params)
      : place.view === 'audits' ? await auditsView()
      : place.view === 'audit' ? await auditView(place.auditId!)
      : await runsView();
    if (turn === drawing) show(app, view);
  } catch (e) {
    if (turn === drawing && e instanceof ApiError && e.status === 401) show(app, keyForm());
    else if (turn === drawing) {
      const back = place.runId !== undefined && place.view !== 'run' ? h('a', { href: href(['run', place.runId]) }, `Run ${place.runId}`) : null;
      show(app, h('p', { class: 'error' }, e instanceof Error ? e.message : String(e)), h('p', { class: 'pager' }, back, h('a', { href: href([]) }, 'All runs')));
    }
  }
  document.body.dataset.ready = String(turn);
}

/** Asks for the viewer's bearer key (kept for this tab's session), then draws the page again. */
function keyForm(): HTMLElement {
  const form = h(
    'form',
    {
      class: 'filters key',
      onsubmit: (e) => {
        e.preventDefault();
        const key = new FormData(form).get('key');
        if (typeof key === 'string' && key !== '') rememberKey(key);
        void draw();
      },
    },
    h('label', {}, 'This viewer needs its key', h('input', { name: 'key', type: 'password' })),
    h('button', { type: 'submit' }, 'Open'),
  );
  return form;
}

show(document.getElementById('nav')!, h('a', { href: '#/' }, 'Runs'), h('a', { href: '#/compare' }, 'Compare'), h('a', { href: '#/audits' }, 'Audits'));
window.addEventListener('hashchange', () => void draw());
void draw();
