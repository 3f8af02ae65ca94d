// Hash routes, one view each; a view's timers stop when the reader goes elsewhere.

import { apiKey } from './api.js';
import { alertBox, replace } from './dom.js';
import * as workflows from './views/workflows.js';
import * as sagas from './views/sagas.js';
import * as saga from './views/saga.js';
import * as stuck from './views/stuck.js';
import * as schedules from './views/schedules.js';
import * as errors from './views/errors.js';

const routes = [
  { pattern: /^\/?$/, view: workflows, nav: '' },
  { pattern: /^\/sagas\/?$/, view: sagas, nav: 'sagas' },
  { pattern: /^\/sagas\/([^/]+)$/, view: saga, nav: 'sagas' },
  { pattern: /^\/stuck\/?$/, view: stuck, nav: 'stuck' },
  { pattern: /^\/schedules\/?$/, view: schedules, nav: 'schedules' },
  { pattern: /^\/errors\/?$/, view: errors, nav: 'errors' },
];

const main = document.getElementById('view');
let current = null;

/** Runs work now and again every period after each run ends, until the view is left. */
function every(signal) {
  return (milliseconds, work) => {
    let timer;
    const run = async () => {
      if (signal.aborted) return;
      try {
        await work();
      } catch (error) {
        if (!signal.aborted) console.error(error);
      }
      if (!signal.aborted) timer = setTimeout(run, milliseconds);
    };
    signal.addEventListener('abort', () => clearTimeout(timer));
    return run();
  };
}

async function route() {
  current?.abort();
  const controller = new AbortController();
  current = controller;

  const hash = location.hash.replace(/^#/, '');
  const mark = hash.indexOf('?');
  const path = mark < 0 ? hash : hash.slice(0, mark);
  const params = new URLSearchParams(mark < 0 ? '' : hash.slice(mark + 1));
  const match = routes.map(r => ({ r, m: r.pattern.exec(path || '/') })).find(x => x.m);

  for (const link of document.querySelectorAll('nav a[data-route]')) {
    if (match && link.dataset.route === match.r.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  if (!match) {
    replace(main, alertBox({ title: 'Not found', detail: `No page ${location.hash}` }));
    return;
  }
  const context = { signal: controller.signal, every: every(controller.signal) };
  try {
    await match.r.view.render(main, { params, id: match.m[1] && decodeURIComponent(match.m[1]) }, context);
  } catch (error) {
    if (!controller.signal.aborted) replace(main, alertBox(error));
  }
}

function setUpApiKey() {
  const form = document.getElementById('api-key-form');
  const input = document.getElementById('api-key');
  input.value = apiKey.get();
  form.addEventListener('submit', event => {
    event.preventDefault();
    apiKey.set(input.value.trim());
    form.classList.add('saved');
    setTimeout(() => form.classList.remove('saved'), 1200);
  });
}

setUpApiKey();
window.addEventListener('hashchange', route);
route();
