// #/sagas/{id} — one instance: its fields, parent and children, the timeline of its history, and what can be sent to it.

import { ApiError, get, post, workflowTypes } from '../api.js';
import { alertBox, empty, h, replace, stateBadge, table } from '../dom.js';
import { time } from '../format.js';
import { sagaLink, stateMeaning } from './saga-table.js';

export async function render(main, { id }, { signal, every }) {
  const workflows = await workflowTypes().catch(() => []);
  const details = h('div', { 'data-testid': 'saga-details' });
  const actions = h('section', { class: 'actions', 'aria-labelledby': 'actions-title', hidden: true });
  replace(main, h('p', {}, h('a', { href: '#/sagas' }, '« Instances')), details, actions);

  let actionsFor = null;
  await every(2000, async () => {
    let saga;
    try {
      saga = await get(`/api/sagas/${encodeURIComponent(id)}`, signal);
    } catch (error) {
      if (signal.aborted) return;
      replace(details, h('h1', {}, 'Instance'), alertBox(error instanceof ApiError && error.status === 404 ? { title: 'Not found', detail: `No saga has the id ${id}.` } : error));
      return;
    }
    replace(details, ...describe(saga, workflows));
    // The forms are built once, so a refresh never wipes what the reader is typing.
    if (saga.terminal) actions.hidden = true;
    else if (actionsFor !== saga.id) {
      actionsFor = saga.id;
      replace(actions, ...actionForms(saga, workflows));
      actions.hidden = false;
    }
  });
}

function describe(saga, workflows) {
  const meaning = { ...stateMeaning(workflows, saga.type, saga.state), terminal: saga.terminal };
  const history = saga.history ?? [];
  const fields = Object.entries(saga.fields ?? {});
  const relative = item => [sagaLink(item.id), ' ', item.type, ' ', stateBadge(item.state, stateMeaning(workflows, item.type, item.state))];
  return [
    h('h1', {}, `${saga.type} `, h('code', { class: 'id' }, saga.id)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'State'), h('dd', { 'data-testid': 'saga-state' }, stateBadge(saga.state, meaning)),
      h('dt', {}, 'Created'), h('dd', {}, time(saga.createdAt, { withRelative: true })),
      h('dt', {}, 'Last transition'), h('dd', {}, time(saga.updatedAt, { withRelative: true })),
      h('dt', {}, 'Completed'), h('dd', {}, time(saga.completedAt)),
      h('dt', {}, 'Parent'), h('dd', { 'data-testid': 'saga-parent' }, saga.parent ? relative(saga.parent) : '—')),

    h('h2', {}, 'Timeline'),
    history.length
      ? h('ol', { class: 'timeline', 'data-testid': 'timeline' }, history.map(entry =>
        h('li', { 'data-testid': 'timeline-row', 'data-event': entry.event, 'data-to': entry.toState },
          time(entry.occurredAt),
          h('span', { class: 'event' }, entry.event),
          h('span', { class: 'move' }, entry.fromState ?? '—', ' → ', h('strong', {}, entry.toState ?? '—')),
          entry.messageId ? h('code', { class: 'muted', title: 'message id' }, entry.messageId) : null)))
      : h('p', { class: 'muted' }, 'No history recorded yet.'),

    h('h2', {}, `Children (${saga.children?.length ?? 0})`),
    saga.children?.length
      ? table(['Instance', 'Type', 'State'], saga.children.map(child => h('tr', {},
        h('th', { scope: 'row' }, sagaLink(child.id)), h('td', {}, child.type),
        h('td', {}, stateBadge(child.state, stateMeaning(workflows, child.type, child.state))))), { 'data-testid': 'saga-children' })
      : h('p', { class: 'muted' }, 'None.'),

    h('h2', {}, 'Fields'),
    table(['Column', 'Value'], fields.length
      ? fields.map(([name, value]) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, name)), h('td', {}, show(value))))
      : empty('No fields.', 2), { class: 'compact', 'data-testid': 'saga-fields' }),
  ];
}

function show(value) {
  if (value === null || value === undefined) return h('span', { class: 'muted' }, 'null');
  if (typeof value === 'object') return h('pre', {}, JSON.stringify(value, null, 2));
  return String(value);
}

function actionForms(saga, workflows) {
  const path = `/api/sagas/${encodeURIComponent(saga.id)}`;
  const signals = workflows.find(w => w.type === saga.type)?.signals ?? [];
  const outcome = h('div', { class: 'status', 'aria-live': 'polite', 'data-testid': 'action-outcome' });
  const send = async (form, request) => {
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      await request();
      replace(outcome, h('p', { class: 'ok' }, 'Accepted; the page shows the change once the saga has taken it.'));
    } catch (error) {
      replace(outcome, alertBox(error));
    } finally {
      button.disabled = false;
    }
  };

  const signalName = h('select', { name: 'signal', 'data-testid': 'signal-name' }, signals.map(n => h('option', { value: n }, n)));
  const signalBody = h('textarea', { name: 'body', rows: 3, spellcheck: 'false', 'data-testid': 'signal-body' }, '{}');
  const signalForm = h('form', { class: 'action' },
    h('label', { class: 'field' }, h('span', {}, 'Signal'), signalName),
    h('label', { class: 'field grow' }, h('span', {}, 'Body (JSON)'), signalBody),
    h('button', { type: 'submit', 'data-testid': 'send-signal' }, 'Send'));
  signalForm.addEventListener('submit', event => {
    event.preventDefault();
    let body;
    try {
      body = JSON.parse(signalBody.value || '{}');
    } catch (error) {
      replace(outcome, alertBox({ title: 'Not JSON', detail: error.message }));
      return;
    }
    send(signalForm, () => post(`${path}/signals/${encodeURIComponent(signalName.value)}`, body));
  });

  const endForm = (verb, label, warning) => {
    const reason = h('input', { name: 'reason', required: true, placeholder: 'why' });
    const form = h('form', { class: 'action' },
      h('label', { class: 'field grow' }, h('span', {}, `${label}: reason`), reason),
      h('button', { type: 'submit', class: verb === 'terminate' ? 'danger' : 'secondary' }, label));
    form.addEventListener('submit', event => {
      event.preventDefault();
      if (warning && !confirm(warning)) return;
      send(form, () => post(`${path}/${verb}`, { reason: reason.value }));
    });
    return form;
  };

  return [
    h('h2', { id: 'actions-title' }, 'Act on it'),
    signals.length ? signalForm : h('p', { class: 'muted' }, `${saga.type} takes no signals.`),
    endForm('cancel', 'Cancel', null),
    endForm('terminate', 'Terminate', 'Terminate ends the saga now, without undoing its steps. Go on?'),
    outcome,
  ];
}
