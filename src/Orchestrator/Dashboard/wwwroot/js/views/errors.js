// #/errors?queue=&messageType=&sagaId= — messages that faulted, with their exception; redrive sends one back.

import { ApiError, get, post, query } from '../api.js';
import { alertBox, empty, h, replace, table } from '../dom.js';
import { time } from '../format.js';
import { sagaLink } from './saga-table.js';

const columns = ['Faulted', 'Queue', 'Message type', 'Exception', 'Saga', ''];

export async function render(main, { params }, { signal }) {
  const results = h('div');
  const outcome = h('div', { class: 'status', 'aria-live': 'polite' });
  replace(main,
    h('h1', {}, 'Dead letters'),
    h('p', { class: 'muted' }, 'Messages that failed every retry and were moved to an error queue.'),
    filters(params, () => refresh()), outcome, results);

  const filter = { queue: params.get('queue'), messageType: params.get('messageType'), sagaId: params.get('sagaId'), limit: params.get('limit') ?? '100' };
  const refresh = async () => {
    try {
      const page = await get(`/api/errors${query(filter)}`, signal);
      const items = page.items ?? [];
      replace(results, table(columns, items.length ? items.flatMap(x => row(x, redrive)) : empty('No dead letters.', columns.length), { 'data-testid': 'error-list' }));
    } catch (error) {
      if (signal.aborted) return;
      replace(results, error instanceof ApiError && error.status === 404
        ? alertBox({ title: 'Not available', detail: 'This orchestrator has no dead-letter API.' })
        : alertBox(error));
    }
  };
  const redrive = async item => {
    if (!confirm(`Send ${item.messageType} back to the queue it faulted on?`)) return;
    try {
      await post(`/api/errors/${encodeURIComponent(item.id)}/redrive`);
      replace(outcome, h('p', { class: 'ok' }, `${item.id} sent back.`));
    } catch (error) {
      replace(outcome, alertBox(error));
    }
    await refresh();
  };
  // Not refreshed on a timer: an open message's details would close under the reader.
  await refresh();
}

function filters(params, refresh) {
  const input = (name, label) => h('label', { class: 'field' }, h('span', {}, label), h('input', { name, value: params.get(name) ?? '' }));
  const form = h('form', { class: 'filters', role: 'search' },
    input('queue', 'Queue'), input('messageType', 'Message type'), input('sagaId', 'Saga id'),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, 'Filter'), h('a', { href: '#/errors', class: 'button secondary' }, 'Clear'),
      h('button', { type: 'button', class: 'secondary', onclick: refresh }, 'Refresh')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v).trim()]));
    location.hash = `#/errors${query(values)}`;
  });
  return form;
}

function row(item, redrive) {
  const detail = h('tr', { class: 'detail', hidden: true }, h('td', { colspan: columns.length }));
  const toggle = async button => {
    detail.hidden = !detail.hidden;
    button.setAttribute('aria-expanded', String(!detail.hidden));
    if (detail.hidden || detail.dataset.loaded) return;
    try {
      const full = await get(`/api/errors/${encodeURIComponent(item.id)}`);
      detail.dataset.loaded = 'yes';
      replace(detail.firstChild,
        h('h3', {}, 'Stack trace'), h('pre', {}, full.stackTrace ?? '—'),
        h('h3', {}, 'Message'), h('pre', {}, JSON.stringify(full.body, null, 2)),
        h('h3', {}, 'Headers'), h('pre', {}, JSON.stringify(full.headers, null, 2)),
        full.inputAddress ? h('p', {}, 'Faulted on ', h('code', {}, full.inputAddress)) : null);
    } catch (error) {
      replace(detail.firstChild, alertBox(error));
    }
  };
  const details = h('button', { type: 'button', class: 'secondary small', 'aria-expanded': 'false', onclick: event => toggle(event.currentTarget) }, 'Details');
  return [
    h('tr', { 'data-testid': 'error-row', 'data-id': item.id },
      h('td', {}, time(item.faultedAt)),
      h('td', {}, h('code', {}, item.queue)),
      h('td', {}, item.messageType),
      h('td', { class: 'exception' }, h('strong', {}, item.exceptionType ?? ''), h('br'), item.reason ?? ''),
      h('td', {}, item.correlationId ? sagaLink(item.correlationId) : '—'),
      h('td', {}, h('div', { class: 'buttons' }, details, h('button', { type: 'button', class: 'small', onclick: () => redrive(item) }, 'Redrive')))),
    detail,
  ];
}
