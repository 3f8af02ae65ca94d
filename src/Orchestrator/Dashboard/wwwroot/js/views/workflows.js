// #/ — one card per workflow type: its graph from the state machine's definition with live counts.

import { get } from '../api.js';
import { drawGraph, graphSignature, updateCounts } from '../graph.js';
import { alertBox, empty, h, replace, stateBadge } from '../dom.js';
import { duration, timeSpan } from '../format.js';

export async function render(main, _, { signal, every }) {
  const status = h('div', { class: 'status' });
  const cards = h('div', { class: 'cards', 'data-testid': 'workflows' });
  replace(main,
    h('h1', {}, 'Workflows'),
    h('p', { class: 'muted' }, 'Each graph is drawn from its state machine; counts refresh every 2 seconds. Choose a state to list its instances.'),
    status, cards);

  const shown = new Map();
  await every(2000, async () => {
    let workflows;
    try {
      workflows = await get('/api/workflows', signal);
      replace(status);
    } catch (error) {
      if (!signal.aborted) replace(status, alertBox(error));
      return;
    }
    if (workflows.length === 0) replace(cards, h('p', { class: 'muted' }, 'No workflows.'));

    for (const workflow of workflows) {
      const card = shown.get(workflow.type);
      if (card && card.signature === graphSignature(workflow)) card.update(workflow);
      else {
        const fresh = workflowCard(workflow, shown.size);
        if (card) card.element.replaceWith(fresh.element);
        else cards.append(fresh.element);
        shown.set(workflow.type, fresh);
      }
    }
    for (const [type, card] of shown) {
      if (!workflows.some(w => w.type === type)) {
        card.element.remove();
        shown.delete(type);
      }
    }
  });
}

function workflowCard(workflow, index) {
  const type = workflow.type;
  // A graph too wide for the page is drawn top to bottom instead.
  const svg = drawGraph(workflow, `graph-${index}`, Math.max(600, document.documentElement.clientWidth - 80));
  const summary = h('p', { class: 'summary', 'data-testid': `workflow-summary-${type}` });
  const rows = h('tbody');
  const versions = h('dd', { 'data-testid': `workflow-versions-${type}` });
  const stuckAfter = timeSpan(workflow.stuckAfter);

  const element = h('article', { class: 'card', 'data-testid': `workflow-card-${type}`, 'aria-labelledby': `card-${index}` },
    h('header', {},
      h('h2', { id: `card-${index}` }, h('a', { href: `#/sagas?type=${encodeURIComponent(type)}` }, type)),
      summary),
    h('div', { class: 'graph-scroll' }, svg),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Table'), h('dd', {}, h('code', {}, workflow.table ?? '—')),
      h('dt', {}, 'Version'), versions,
      h('dt', {}, 'Signals'), h('dd', {}, workflow.signals?.length ? workflow.signals.join(', ') : 'none'),
      h('dt', {}, 'Stuck after'), h('dd', {}, stuckAfter === null ? '—' : h('a', { href: `#/stuck?type=${encodeURIComponent(type)}` }, duration(stuckAfter))),
      workflow.searchAttributes?.length ? [h('dt', {}, 'Search by'), h('dd', {}, workflow.searchAttributes.map(a => a.name).join(', '))] : null),
    h('details', {},
      h('summary', {}, 'States as a table'),
      h('table', { class: 'compact' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col', class: 'number' }, 'Instances'))),
        rows)));

  const update = next => {
    updateCounts(svg, next);
    const states = next.states ?? [];
    const running = states.filter(x => !x.terminal).reduce((sum, x) => sum + (x.count ?? 0), 0);
    const ended = states.filter(x => x.terminal).reduce((sum, x) => sum + (x.count ?? 0), 0);
    summary.textContent = `${running} running · ${ended} ended`;
    // Instances keep the version they started on; older versions still running are why an old path stays.
    versions.textContent = [`${next.version ?? 1} (deployed)`,
      ...(next.versions ?? []).map(v => `v${v.version}: ${v.running} running, ${v.ended} ended`)].join(' · ');
    replace(rows, states.length
      ? states.map(x => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `#/sagas?type=${encodeURIComponent(type)}&state=${encodeURIComponent(x.name)}` }, stateBadge(x.name, x))),
        h('td', { class: 'number' }, x.count ?? 0)))
      : empty('No states.', 2));
  };
  update(workflow);
  return { element, update, signature: graphSignature(workflow) };
}
