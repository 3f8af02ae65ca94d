// The rows shared by the instance list and the stuck list.

import { h, stateBadge } from '../dom.js';
import { shortId, time } from '../format.js';

export const sagaColumns = ['Instance', 'Type', 'State', 'Created', 'Last transition', 'Completed', 'Parent'];

export const sagaLink = id => h('a', { href: `#/sagas/${encodeURIComponent(id)}`, title: id, class: 'id' }, shortId(id));

/** What a state means (running, succeeded, ended otherwise), from the workflow definitions. */
export function stateMeaning(workflows, type, state) {
  return workflows.find(w => w.type === type)?.states.find(x => x.name === state) ?? {};
}

export function sagaRows(items, workflows = [], extra = () => []) {
  return items.map(item => h('tr', { 'data-testid': 'saga-row', 'data-id': item.id, 'data-state': item.state },
    h('th', { scope: 'row' }, sagaLink(item.id)),
    h('td', {}, item.type),
    h('td', {}, stateBadge(item.state, stateMeaning(workflows, item.type, item.state))),
    h('td', {}, time(item.createdAt)),
    h('td', {}, time(item.updatedAt)),
    h('td', {}, time(item.completedAt)),
    h('td', {}, item.parentId ? sagaLink(item.parentId) : '—'),
    extra(item)));
}
