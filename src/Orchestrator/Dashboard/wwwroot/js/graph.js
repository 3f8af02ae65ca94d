// A state machine's graph as SVG, laid out from its transitions: states in columns by their longest
// path from Initial (edges that close a cycle are drawn back above), transitions as labelled arrows.

import { s } from './dom.js';

const box = { height: 46, minWidth: 112, padding: 14, charWidth: 7.4 };
const gap = { column: 150, row: 34, margin: 16, loop: 28 };
const lineHeight = 13;

const edgeKey = (from, to) => `${from}\u0000${to}`;

/** Columns and rows for each state; pure, so the same definition always draws the same picture. */
export function layout(graph) {
  const names = [...(graph.states ?? [])];
  for (const t of graph.transitions ?? []) for (const n of [t.from, t.to]) if (!names.includes(n)) names.push(n);

  const next = new Map(names.map(n => [n, []]));
  for (const t of graph.transitions ?? []) if (t.from !== t.to && !next.get(t.from).includes(t.to)) next.get(t.from).push(t.to);

  // Depth-first from Initial: an edge to a state still on the path closes a cycle.
  const back = new Set();
  const seen = new Map();
  const visit = n => {
    seen.set(n, 'open');
    for (const m of next.get(n)) {
      if (seen.get(m) === 'open') back.add(edgeKey(n, m));
      else if (!seen.has(m)) visit(m);
    }
    seen.set(n, 'done');
  };
  for (const n of names.includes('Initial') ? ['Initial', ...names] : names) if (!seen.has(n)) visit(n);

  const forward = (n, m) => !back.has(edgeKey(n, m));
  const column = new Map(names.map(n => [n, 0]));
  for (let pass = 0; pass < names.length; pass++) {
    let moved = false;
    for (const n of names) {
      for (const m of next.get(n)) {
        if (forward(n, m) && column.get(m) < column.get(n) + 1) {
          column.set(m, column.get(n) + 1);
          moved = true;
        }
      }
    }
    if (!moved) break;
  }

  // A state no transition touches goes last, beside the outcomes.
  const touched = new Set((graph.transitions ?? []).flatMap(t => [t.from, t.to]));
  const last = Math.max(0, ...[...column.values()]);
  for (const n of names) if (!touched.has(n) && n !== 'Initial') column.set(n, last);

  const columns = [];
  for (const n of names) (columns[column.get(n)] ??= []).push(n);
  for (let i = 0; i < columns.length; i++) columns[i] ??= [];

  // Two sweeps ordering each column by where its predecessors sit, which keeps most arrows short and uncrossed.
  const row = new Map();
  const place = () => columns.forEach(c => c.forEach((n, i) => row.set(n, i)));
  place();
  const previous = new Map(names.map(n => [n, []]));
  for (const n of names) for (const m of next.get(n)) if (forward(n, m)) previous.get(m).push(n);
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const c of columns.slice(1)) {
      const weight = n => {
        const from = previous.get(n);
        return from.length ? from.reduce((sum, p) => sum + row.get(p), 0) / from.length : row.get(n);
      };
      c.sort((a, b) => weight(a) - weight(b));
      place();
    }
  }

  return { names, columns, column, row, back };
}

function width(name) {
  return Math.max(box.minWidth, Math.ceil(name.length * box.charWidth) + 2 * box.padding);
}

/** The SVG for one workflow; counts are filled in (and later updated) by updateCounts. */
export function drawGraph(workflow, id) {
  const graph = workflow.graph ?? { states: [], transitions: [] };
  const { columns, column } = layout(graph);
  const info = new Map((workflow.states ?? []).map(x => [x.name, x]));

  const columnWidth = columns.map(c => Math.max(box.minWidth, ...c.map(width)));
  const tallest = Math.max(1, ...columns.map(c => c.length));
  const height = tallest * box.height + (tallest - 1) * gap.row;
  const top = gap.margin + 3 * gap.loop + lineHeight;

  const x = [];
  columnWidth.reduce((left, w, i) => ((x[i] = left), left + w + gap.column), gap.margin);
  const position = new Map();
  columns.forEach((c, i) => {
    const used = c.length * box.height + (c.length - 1) * gap.row;
    c.forEach((n, r) => {
      const w = width(n);
      position.set(n, { x: x[i] + (columnWidth[i] - w) / 2, y: top + (height - used) / 2 + r * (box.height + gap.row), w, h: box.height });
    });
  });

  const totalWidth = x.length ? x[x.length - 1] + columnWidth[columnWidth.length - 1] + gap.margin : 2 * gap.margin;
  const totalHeight = top + height + gap.margin;
  const marker = `${id}-arrow`;

  // One arrow per pair of states, labelled with every event that takes it.
  const edges = new Map();
  for (const t of graph.transitions ?? []) {
    const key = edgeKey(t.from, t.to);
    if (!edges.has(key)) edges.set(key, { from: t.from, to: t.to, events: [] });
    if (!edges.get(key).events.includes(t.event)) edges.get(key).events.push(t.event);
  }

  const arrows = [...edges.values()].map(edge => {
    const a = position.get(edge.from);
    const b = position.get(edge.to);
    let path;
    let label;
    if (edge.from === edge.to) {
      const left = a.x + a.w - 34;
      path = `M${left},${a.y} C${left},${a.y - gap.loop} ${a.x + a.w + 10},${a.y - gap.loop} ${a.x + a.w},${a.y + 10}`;
      label = { x: a.x + a.w - 10, y: a.y - gap.loop - 2 };
    } else if (column.get(edge.to) > column.get(edge.from)) {
      const start = { x: a.x + a.w, y: a.y + a.h / 2 };
      const end = { x: b.x, y: b.y + b.h / 2 };
      const bend = Math.max(40, (end.x - start.x) / 2);
      path = `M${start.x},${start.y} C${start.x + bend},${start.y} ${end.x - bend},${end.y} ${end.x},${end.y}`;
      label = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 - 4 };
    } else {
      // Back, or within one column: over the top, higher the further it goes.
      const start = { x: a.x + a.w / 2, y: a.y };
      const end = { x: b.x + b.w / 2 + 8, y: b.y };
      const lift = gap.loop * (1 + Math.min(2, Math.abs(column.get(edge.from) - column.get(edge.to))));
      const peak = Math.min(start.y, end.y) - lift;
      path = `M${start.x},${start.y} C${start.x},${peak} ${end.x},${peak} ${end.x},${end.y}`;
      label = { x: (start.x + end.x) / 2, y: peak + lift / 4 };
    }
    const lines = edge.events;
    return s('g', { class: 'transition', 'data-from': edge.from, 'data-to': edge.to },
      s('title', {}, `${edge.from} → ${edge.to} on ${lines.join(', ')}`),
      s('path', { d: path, 'marker-end': `url(#${marker})` }),
      s('text', { x: label.x, y: label.y - (lines.length - 1) * lineHeight, 'text-anchor': 'middle' },
        lines.map((line, i) => s('tspan', { x: label.x, dy: i === 0 ? 0 : lineHeight }, line))));
  });

  const states = [...position.entries()].map(([name, p]) => {
    const state = info.get(name);
    const kind = name === 'Initial' ? 'initial' : !state?.terminal ? 'running' : state.succeeded ? 'succeeded' : 'ended';
    const href = `#/sagas?type=${encodeURIComponent(workflow.type)}&state=${encodeURIComponent(name)}`;
    return s('a', { href, class: `state ${kind}`, 'data-state': name, 'data-testid': `state-${workflow.type}-${name}` },
      s('title', {}, ''),
      s('rect', { x: p.x, y: p.y, width: p.w, height: p.h, rx: 8 }),
      s('text', { x: p.x + p.w / 2, y: p.y + 18, 'text-anchor': 'middle', class: 'name' }, name),
      s('text', { x: p.x + p.w / 2, y: p.y + 36, 'text-anchor': 'middle', class: 'count', 'data-testid': `state-count-${workflow.type}-${name}` }, '0'));
  });

  const svg = s('svg', {
    xmlns: 'http://www.w3.org/2000/svg', class: 'graph', role: 'img', 'aria-labelledby': `${id}-title`,
    viewBox: `0 0 ${totalWidth} ${totalHeight}`, width: totalWidth, height: totalHeight, 'data-testid': `graph-${workflow.type}`,
  },
  s('title', { id: `${id}-title` }, `${workflow.type}: ${position.size} states, ${edges.size} transitions`),
  s('defs', {}, s('marker', { id: marker, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    s('path', { d: 'M0,0 L10,5 L0,10 z' }))),
  s('g', { class: 'transitions' }, arrows),
  s('g', { class: 'states' }, states));
  updateCounts(svg, workflow);
  return svg;
}

/** Writes the live counts into a drawn graph. */
export function updateCounts(svg, workflow) {
  const counts = new Map((workflow.states ?? []).map(x => [x.name, x.count ?? 0]));
  for (const node of svg.querySelectorAll('a.state')) {
    const name = node.dataset.state;
    const count = counts.get(name) ?? 0;
    const text = node.querySelector('text.count');
    if (text.textContent !== String(count)) text.textContent = String(count);
    node.classList.toggle('occupied', count > 0);
    node.querySelector('title').textContent = `${name}: ${count} instance${count === 1 ? '' : 's'}`;
  }
}

/** Graphs are redrawn only when the definition changes, not on every refresh. */
export function graphSignature(workflow) {
  return JSON.stringify([workflow.graph, (workflow.states ?? []).map(x => [x.name, x.terminal, x.succeeded])]);
}
