// A state machine's graph as SVG, laid out from its transitions (a small layered layout): states in
// columns by their longest path from Initial, an arrow that skips columns passing through lanes of its
// own between the boxes, and arrows that close a cycle drawn back over the top.

import { s } from './dom.js';

const box = { height: 46, minWidth: 112, padding: 14, charWidth: 7.4 };
const lane = 14;
const gap = { column: 150, row: 30, margin: 16, loop: 28 };
const lineHeight = 13;

const edgeKey = (from, to) => `${from}\u0000${to}`;

/** One arrow per pair of states, labelled with every event that takes it. */
function edgesOf(graph) {
  const edges = new Map();
  for (const t of graph.transitions ?? []) {
    const key = edgeKey(t.from, t.to);
    if (!edges.has(key)) edges.set(key, { from: t.from, to: t.to, events: [] });
    if (!edges.get(key).events.includes(t.event)) edges.get(key).events.push(t.event);
  }
  return [...edges.values()];
}

/** Columns and the order within each; pure, so the same definition always draws the same picture. */
export function layout(graph) {
  const names = [...(graph.states ?? [])];
  for (const t of graph.transitions ?? []) for (const n of [t.from, t.to]) if (!names.includes(n)) names.push(n);
  const edges = edgesOf(graph);

  const next = new Map(names.map(n => [n, []]));
  for (const e of edges) if (e.from !== e.to) next.get(e.from).push(e.to);

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

  const column = new Map(names.map(n => [n, 0]));
  for (let pass = 0; pass <= names.length; pass++) {
    let moved = false;
    for (const e of edges) {
      if (e.from === e.to || back.has(edgeKey(e.from, e.to))) continue;
      if (column.get(e.to) < column.get(e.from) + 1) {
        column.set(e.to, column.get(e.from) + 1);
        moved = true;
      }
    }
    if (!moved) break;
  }
  // A state entered by no transition (a compensation's outcome, say) sits just before where it leads.
  const entered = new Set(edges.filter(e => e.from !== e.to).map(e => e.to));
  for (const n of names) {
    if (n === 'Initial' || entered.has(n)) continue;
    const targets = edges.filter(e => e.from === n && e.to !== n).map(e => column.get(e.to));
    if (targets.length) column.set(n, Math.max(1, Math.min(...targets) - 1));
  }
  // A state no transition touches goes last, beside the outcomes.
  const touched = new Set(edges.flatMap(e => [e.from, e.to]));
  const last = Math.max(0, ...column.values());
  for (const n of names) if (!touched.has(n) && n !== 'Initial') column.set(n, last);

  // Nodes are states and the lanes of arrows that skip columns.
  const nodes = names.map(n => ({ id: n, state: n, column: column.get(n), previous: [] }));
  const byId = new Map(nodes.map(n => [n.id, n]));
  const forward = edges.filter(e => column.get(e.to) > column.get(e.from));
  for (const e of forward) {
    e.lanes = [];
    let previous = byId.get(e.from);
    for (let c = column.get(e.from) + 1; c < column.get(e.to); c++) {
      const node = { id: `${edgeKey(e.from, e.to)}\u0000${c}`, column: c, previous: [previous] };
      nodes.push(node);
      e.lanes.push(node);
      previous = node;
    }
    byId.get(e.to).previous.push(previous);
  }

  const columns = [];
  for (const n of nodes) (columns[n.column] ??= []).push(n);
  for (let i = 0; i < columns.length; i++) columns[i] ??= [];

  // Sweeps that order each column by where its predecessors sit keep most arrows short and uncrossed.
  const place = () => columns.forEach(c => c.forEach((n, i) => (n.row = i)));
  place();
  for (let sweep = 0; sweep < 3; sweep++) {
    for (const c of columns.slice(1)) {
      const weight = n => (n.previous.length ? n.previous.reduce((sum, p) => sum + p.row, 0) / n.previous.length : n.row);
      c.sort((a, b) => weight(a) - weight(b));
      place();
    }
  }
  return { columns, column, edges, back };
}

function width(name) {
  return Math.max(box.minWidth, Math.ceil(name.length * box.charWidth) + 2 * box.padding);
}

/** A point on a cubic Bézier whose x only grows, at the given x. */
function pointAtX(p0, p1, p2, p3, x) {
  const at = t => {
    const u = 1 - t;
    return {
      x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
      y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
    };
  };
  let low = 0;
  let high = 1;
  for (let i = 0; i < 24; i++) {
    const middle = (low + high) / 2;
    if (at(middle).x < x) low = middle;
    else high = middle;
  }
  return at((low + high) / 2);
}

/** Spreads the ends of several arrows over one side of a box, in the order of what is at their other ends. */
function ports(edges, end, other, where) {
  const byState = new Map();
  for (const e of edges) {
    if (!byState.has(e[end])) byState.set(e[end], []);
    byState.get(e[end]).push(e);
  }
  const offsets = new Map();
  for (const [state, list] of byState) {
    const p = where(state);
    list.sort((a, b) => other(a) - other(b));
    list.forEach((e, i) => offsets.set(e, p.y + (p.h * (i + 1)) / (list.length + 1)));
  }
  return offsets;
}

const curve = (a, b) => {
  const bend = Math.max(30, (b.x - a.x) / 2);
  return [a, { x: a.x + bend, y: a.y }, { x: b.x - bend, y: b.y }, b];
};

/** The SVG for one workflow; counts are filled in (and later updated) by updateCounts. */
export function drawGraph(workflow, id) {
  const graph = workflow.graph ?? { states: [], transitions: [] };
  const { columns, column, edges } = layout(graph);
  const info = new Map((workflow.states ?? []).map(x => [x.name, x]));

  const columnWidth = columns.map(c => Math.max(box.minWidth, ...c.filter(n => n.state).map(n => width(n.state))));
  const size = n => (n.state ? box.height : lane);
  const columnHeight = columns.map(c => c.reduce((sum, n) => sum + size(n), 0) + Math.max(0, c.length - 1) * gap.row);
  const height = Math.max(box.height, ...columnHeight);

  const x = [];
  columnWidth.reduce((left, w, i) => ((x[i] = left), left + w + gap.column), gap.margin);
  const position = new Map();
  columns.forEach((c, i) => {
    let y = (height - columnHeight[i]) / 2;
    for (const n of c) {
      const w = n.state ? width(n.state) : columnWidth[i];
      position.set(n.id, { x: x[i] + (columnWidth[i] - w) / 2, y, w, h: size(n) });
      y += size(n) + gap.row;
    }
  });
  const at = state => position.get(state);
  const middle = state => at(state).y + at(state).h / 2;
  const marker = `${id}-arrow`;

  const forward = edges.filter(e => column.get(e.to) > column.get(e.from));
  const firstStop = e => (e.lanes.length ? position.get(e.lanes[0].id).y : middle(e.to));
  const lastStop = e => (e.lanes.length ? position.get(e.lanes[e.lanes.length - 1].id).y : middle(e.from));
  const starts = ports(forward, 'from', firstStop, at);
  const ends = ports(forward, 'to', lastStop, at);

  // An event that leads to one state from many (terminate, cancel) is named once, under that state.
  const sources = new Map();
  for (const t of graph.transitions ?? []) {
    const key = edgeKey(t.event, t.to);
    if (!sources.has(key)) sources.set(key, new Set());
    sources.get(key).add(t.from);
  }
  const common = (event, to) => sources.get(edgeKey(event, to)).size >= 3;
  const commonInto = new Map();
  for (const [key, from] of sources) {
    const [event, to] = key.split('\u0000');
    if (from.size >= 3) commonInto.set(to, [...(commonInto.get(to) ?? []), `${event} from ${from.size} states`]);
  }

  let highest = 0;
  const arrows = edges.map(edge => {
    const a = at(edge.from);
    const b = at(edge.to);
    const lines = edge.events.filter(event => !common(event, edge.to));
    let path;
    let label;
    if (edge.from === edge.to) {
      const left = a.x + a.w - 34;
      path = `M${left},${a.y} C${left},${a.y - gap.loop} ${a.x + a.w + 10},${a.y - gap.loop} ${a.x + a.w},${a.y + 10}`;
      label = { x: a.x + a.w - 10, y: a.y - gap.loop - 4 };
    } else if (column.get(edge.to) > column.get(edge.from)) {
      // Through its lanes: a curve across each gap, straight through each column it skips.
      const stops = [{ x: a.x + a.w, y: starts.get(edge) }];
      for (const node of edge.lanes) {
        const p = position.get(node.id);
        const y = p.y + p.h / 2;
        stops.push({ x: p.x, y }, { x: p.x + p.w, y });
      }
      stops.push({ x: b.x, y: ends.get(edge) });
      const segments = [];
      for (let i = 0; i < stops.length; i += 2) segments.push(curve(stops[i], stops[i + 1]));
      path = segments.map((c, i) => `${i === 0 ? `M${c[0].x},${c[0].y} ` : `L${c[0].x},${c[0].y} `}C${c[1].x},${c[1].y} ${c[2].x},${c[2].y} ${c[3].x},${c[3].y}`).join(' ');
      // In the first gap, where the arrow leaves its state; never on a box.
      const first = segments[0];
      const point = pointAtX(...first, (first[0].x + first[3].x) / 2);
      label = { x: point.x, y: point.y - 4 };
    } else {
      // Back, or within one column: over the top, higher the further it goes.
      const start = { x: a.x + a.w / 2, y: a.y };
      const end = { x: b.x + b.w / 2 + 8, y: b.y };
      const lift = gap.loop * (1 + Math.min(2, Math.abs(column.get(edge.from) - column.get(edge.to))));
      const peak = Math.min(start.y, end.y) - lift;
      path = `M${start.x},${start.y} C${start.x},${peak} ${end.x},${peak} ${end.x},${end.y}`;
      label = { x: (start.x + end.x) / 2, y: peak + lift / 4 };
      highest = Math.min(highest, peak);
    }
    highest = Math.min(highest, label.y - lines.length * lineHeight);
    return s('g', { class: lines.length ? 'transition' : 'transition common', 'data-from': edge.from, 'data-to': edge.to },
      s('title', {}, `${edge.from} → ${edge.to} on ${edge.events.join(', ')}`),
      s('path', { d: path, 'marker-end': `url(#${marker})` }),
      s('text', { x: label.x, y: label.y - (lines.length - 1) * lineHeight, 'text-anchor': 'middle' },
        lines.map((line, i) => s('tspan', { x: label.x, dy: i === 0 ? 0 : lineHeight }, line))));
  });

  const states = columns.flat().filter(n => n.state).map(({ state: name }) => {
    const p = at(name);
    const state = info.get(name);
    const kind = name === 'Initial' ? 'initial' : !state?.terminal ? 'running' : state.succeeded ? 'succeeded' : 'ended';
    const href = `#/sagas?type=${encodeURIComponent(workflow.type)}&state=${encodeURIComponent(name)}`;
    return s('a', { href, class: `state ${kind}`, 'data-state': name, 'data-testid': `state-${workflow.type}-${name}` },
      s('title', {}, ''),
      s('rect', { x: p.x, y: p.y, width: p.w, height: p.h, rx: 8 }),
      s('text', { x: p.x + p.w / 2, y: p.y + 18, 'text-anchor': 'middle', class: 'name' }, name),
      s('text', { x: p.x + p.w / 2, y: p.y + 36, 'text-anchor': 'middle', class: 'count', 'data-testid': `state-count-${workflow.type}-${name}` }, '0'),
      commonInto.has(name) ? s('text', { x: p.x + p.w / 2, y: p.y + p.h + 12, 'text-anchor': 'middle', class: 'common' }, commonInto.get(name).join(', ')) : null);
  });

  // What is drawn over the top sets where the picture starts.
  const top = highest - gap.margin;
  const labelEnds = [...commonInto].map(([name, events]) => at(name).x + at(name).w / 2 + (events.join(', ').length * 6.2) / 2 + gap.margin);
  const totalWidth = Math.max(x.length ? x[x.length - 1] + columnWidth[columnWidth.length - 1] + gap.margin : 2 * gap.margin, ...labelEnds);
  const totalHeight = height + gap.margin - top;
  const svg = s('svg', {
    xmlns: 'http://www.w3.org/2000/svg', class: 'graph', role: 'img', 'aria-labelledby': `${id}-title`,
    viewBox: `0 ${top} ${totalWidth} ${totalHeight}`, width: totalWidth, height: totalHeight, 'data-testid': `graph-${workflow.type}`,
  },
  s('title', { id: `${id}-title` }, `${workflow.type}: ${states.length} states, ${edges.length} transitions`),
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
