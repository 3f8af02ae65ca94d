// #/sagas?type=&state=&since=&until=&attr.x=&limit=&page= — instances, newest first, with the API's filters.

import { get, query, workflowTypes } from '../api.js';
import { alertBox, empty, h, replace, table } from '../dom.js';
import { fromLocalInput, time, toLocalInput } from '../format.js';
import { sagaColumns, sagaRows } from './saga-table.js';

const limits = ['20', '50', '100', '200'];

export async function render(main, { params }, { signal }) {
  let workflows = [];
  let problem = null;
  try {
    workflows = await workflowTypes();
  } catch (error) {
    problem = error;
  }
  const results = h('section', { 'aria-labelledby': 'results-title', 'aria-busy': 'true' });
  replace(main,
    h('h1', {}, 'Instances'),
    problem ? alertBox(problem) : null,
    filterForm(params, workflows),
    results);

  const apiQuery = {};
  for (const [name, value] of params) if (value) apiQuery[name] = value;
  apiQuery.limit ??= '50';

  let page;
  try {
    page = await get(`/api/sagas${query(apiQuery)}`, signal);
  } catch (error) {
    if (!signal.aborted) replace(results, alertBox(error));
    return;
  }

  const next = new URLSearchParams(params);
  next.set('page', page.nextPage ?? '');
  const first = new URLSearchParams(params);
  first.delete('page');
  replace(results,
    h('h2', { id: 'results-title', class: 'visually-hidden' }, 'Results'),
    table(sagaColumns, page.items.length ? sagaRows(page.items, workflows) : empty('No instance matches.', sagaColumns.length), { 'data-testid': 'saga-list' }),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      params.get('page') ? h('a', { href: `#/sagas?${first}` }, '« Newest') : null,
      page.nextPage ? h('a', { href: `#/sagas?${next}`, rel: 'next', 'data-testid': 'next-page' }, 'Older »') : null,
      h('span', { class: 'muted' }, `${page.items.length} shown · loaded `, time(new Date().toISOString()))));
  results.setAttribute('aria-busy', 'false');
}

function filterForm(params, workflows) {
  const type = params.get('type') ?? '';
  const selected = workflows.find(w => w.type === type);
  const states = selected ? selected.states.map(x => x.name) : [...new Set(workflows.flatMap(w => w.states.map(x => x.name)))].sort();

  const field = (label, control) => h('label', { class: 'field' }, h('span', {}, label), control);
  const typeSelect = h('select', { name: 'type', 'data-testid': 'filter-type' },
    h('option', { value: '' }, 'any'),
    workflows.map(w => h('option', { value: w.type, selected: w.type === type }, w.type)));
  const attributes = (selected?.searchAttributes ?? []).map(a =>
    field(a.name, h('input', { name: `attr.${a.name}`, value: params.get(`attr.${a.name}`) ?? '', type: a.type === 'number' ? 'number' : 'text', step: 'any' })));

  const form = h('form', { class: 'filters', 'data-testid': 'saga-filters', role: 'search' },
    field('Type', typeSelect),
    field('State', h('input', { name: 'state', list: 'state-names', value: params.get('state') ?? '', 'data-testid': 'filter-state', autocomplete: 'off' })),
    h('datalist', { id: 'state-names' }, states.map(n => h('option', { value: n }))),
    field('Created since', h('input', { name: 'since', type: 'datetime-local', value: toLocalInput(params.get('since')) })),
    field('until', h('input', { name: 'until', type: 'datetime-local', value: toLocalInput(params.get('until')) })),
    attributes,
    field('Per page', h('select', { name: 'limit' }, limits.map(l => h('option', { value: l, selected: (params.get('limit') ?? '50') === l }, l)))),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit' }, 'Search'),
      h('a', { href: '#/sagas', class: 'button secondary' }, 'Clear')));

  // Choosing a type shows its own search attributes and states.
  typeSelect.addEventListener('change', () => {
    location.hash = `#/sagas${query({ type: typeSelect.value })}`;
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = {};
    for (const [name, value] of new FormData(form)) {
      const text = String(value).trim();
      values[name] = name === 'since' || name === 'until' ? fromLocalInput(text) : text;
    }
    location.hash = `#/sagas${query(values)}`;
  });
  return form;
}
