// Builds DOM nodes; text always goes in as text nodes, so nothing the API returns is parsed as markup.

const SVG = 'http://www.w3.org/2000/svg';

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element: h('a', { href: '#/' }, 'text', otherNode). */
export const h = (tag, attributes, ...children) => build(document.createElement(tag), attributes, children);

/** An SVG element, same shape as h. */
export const s = (tag, attributes, ...children) => build(document.createElementNS(SVG, tag), attributes, children);

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function alertBox(error) {
  const detail = error?.detail || error?.message || String(error);
  return h('div', { class: 'alert', role: 'alert', 'data-testid': 'error' }, error?.title ? h('strong', {}, `${error.title}: `) : null, detail);
}

export function table(columns, rows, attributes = {}) {
  return h('table', attributes,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows));
}

export function empty(text, span) {
  return h('tr', {}, h('td', { colspan: span, class: 'muted' }, text));
}

/** A state's name as a badge coloured by what it means for the workflow. */
export function stateBadge(name, { terminal = false, succeeded = false } = {}) {
  const kind = !terminal ? 'running' : succeeded ? 'succeeded' : 'ended';
  return h('span', { class: `badge ${kind}` }, name);
}
