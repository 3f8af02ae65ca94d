// #/stuck?type= — running instances with no transition for longer than their type's threshold.

import { get, query, workflowTypes } from '../api.js';
import { alertBox, empty, h, replace, table } from '../dom.js';
import { duration, timeSpan } from '../format.js';
import { sagaColumns, sagaRows } from './saga-table.js';

export async function render(main, { params }, { signal, every }) {
  const workflows = await workflowTypes().catch(() => []);
  const type = params.get('type') ?? '';
  const select = h('select', { name: 'type', 'data-testid': 'stuck-type' },
    h('option', { value: '' }, 'any'),
    workflows.map(w => h('option', { value: w.type, selected: w.type === type }, `${w.type} (after ${thresholdText(w)})`)));
  select.addEventListener('change', () => (location.hash = `#/stuck${query({ type: select.value })}`));
  const results = h('div');
  replace(main,
    h('h1', {}, 'Stuck instances'),
    h('p', { class: 'muted' }, 'Not ended, and no transition for longer than the threshold of their workflow. Refreshed every 2 seconds.'),
    h('form', { class: 'filters', role: 'search' }, h('label', { class: 'field' }, h('span', {}, 'Type'), select)),
    results);

  await every(2000, async () => {
    try {
      const page = await get(`/api/sagas/stuck${query({ type })}`, signal);
      const now = Date.now();
      const columns = [...sagaColumns, 'Quiet for'];
      replace(results, table(columns,
        page.items.length
          ? sagaRows(page.items, workflows, item => h('td', { class: 'warn' }, duration(now - new Date(item.updatedAt).getTime())))
          : empty('Nothing is stuck.', columns.length),
        { 'data-testid': 'stuck-list' }));
    } catch (error) {
      if (!signal.aborted) replace(results, alertBox(error));
    }
  });
}

function thresholdText(workflow) {
  const span = timeSpan(workflow.stuckAfter);
  return span === null ? '—' : duration(span);
}
