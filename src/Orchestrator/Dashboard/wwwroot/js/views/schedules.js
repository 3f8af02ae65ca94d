// #/schedules — named schedules with their next fire times; pause, resume or run one now.

import { get, post } from '../api.js';
import { alertBox, empty, h, replace, table } from '../dom.js';
import { fromNow, time } from '../format.js';
import { sagaLink } from './saga-table.js';

const columns = ['Name', 'Workflow', 'When', 'Next fire', 'Paused', 'Last run', ''];

export async function render(main, _, { signal, every }) {
  const results = h('div');
  const outcome = h('div', { class: 'status', 'aria-live': 'polite' });
  replace(main,
    h('h1', {}, 'Schedules'),
    h('p', { class: 'muted' }, 'Created through POST /api/schedules or Sagas:Schedules:Defaults. Refreshed every 2 seconds.'),
    outcome, results);

  const refresh = async () => {
    try {
      const schedules = await get('/api/schedules', signal);
      replace(results, table(columns, schedules.length ? schedules.map(x => row(x, act)) : empty('No schedules.', columns.length), { 'data-testid': 'schedule-list' }));
    } catch (error) {
      if (!signal.aborted) replace(results, alertBox(error));
    }
  };
  const act = async (name, verb) => {
    try {
      await post(`/api/schedules/${encodeURIComponent(name)}/${verb}`);
      replace(outcome, h('p', { class: 'ok' }, `${name}: ${verb} done.`));
    } catch (error) {
      replace(outcome, alertBox(error));
    }
    await refresh();
  };
  await every(2000, refresh);
}

function row(schedule, act) {
  const spec = schedule.spec;
  const next = schedule.nextFireTimes ?? [];
  const paused = schedule.state === 'Paused';
  const button = (verb, label) => h('button', { type: 'button', class: 'secondary small', onclick: () => act(spec.name, verb) }, label);
  return h('tr', { 'data-testid': 'schedule-row', 'data-name': spec.name },
    h('th', { scope: 'row' }, spec.name),
    h('td', {}, spec.workflow),
    h('td', {}, spec.cron ? [h('code', {}, spec.cron), ` (${spec.timeZone})`] : ['every ', h('code', {}, spec.interval)]),
    h('td', { 'data-testid': 'schedule-next-fire', title: next.map(t => new Date(t).toISOString()).join('\n') },
      next.length ? [time(next[0]), h('br'), h('span', { class: 'muted' }, fromNow(next[0]))] : h('span', { class: 'muted' }, paused ? 'paused' : 'none')),
    h('td', { 'data-testid': 'schedule-paused' }, paused ? 'yes' : schedule.state === 'Normal' ? 'no' : schedule.state),
    h('td', {}, schedule.lastRunId ? [sagaLink(schedule.lastRunId), schedule.lastOutcome ? ` ${schedule.lastOutcome}` : ''] : '—'),
    h('td', {}, h('div', { class: 'buttons' }, paused ? button('resume', 'Resume') : button('pause', 'Pause'), button('trigger', 'Run now'))));
}
