// A state machine's graph as SVG. dagre (js/vendor, MIT) lays it out left to right in ranks, orders
// each rank to keep arrows from crossing, and places every label where it covers no box or other label.

import { Graph, layout as dagreLayout } from './vendor/dagre.esm.js';
import { s } from './dom.js';

const box = { height: 46, minWidth: 112, padding: 14, charWidth: 7.4 };
const label = { lineHeight: 13, charWidth: 6.2, padding: 12 };
// Room under a box for the line that names events reaching it from many states.
const commonLine = 16;
const margin = 16;

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

/**
 * An event that leads to one state from many (terminate, cancel) is named once, under that state,
 * instead of on every arrow.
 */
function commonEvents(graph) {
  const sources = new Map();
  for (const t of graph.transitions ?? []) {
    const key = edgeKey(t.event, t.to);
    if (!sources.has(key)) sources.set(key, new Set());
    sources.get(key).add(t.from);
  }
  const isCommon = (event, to) => sources.get(edgeKey(event, to)).size >= 3;
  const into = new Map();
  for (const [key, from] of sources) {
    const [event, to] = key.split('\u0000');
    if (from.size >= 3) into.set(to, [...(into.get(to) ?? []), `${event} from ${from.size} states`]);
  }
  return { isCommon, into };
}

function width(name) {
  return Math.max(box.minWidth, Math.ceil(name.length * box.charWidth) + 2 * box.padding);
}

/**
 * Where every box, arrow and label goes; pure, so the same definition always draws the same picture.
 * Left to right when that fits in fitWidth, else top to bottom. Arrows of events
 * common to many states are left out of the layout: the line under their state names them.
 */
export function layout(graph, fitWidth = Infinity) {
  const names = [...(graph.states ?? [])];
  for (const t of graph.transitions ?? []) for (const n of [t.from, t.to]) if (!names.includes(n)) names.push(n);
  const { isCommon, into } = commonEvents(graph);
  const edges = edgesOf(graph).map(edge => ({ ...edge, lines: edge.events.filter(event => !isCommon(event, edge.to)) }));
  const drawn = edges.filter(edge => edge.lines.length);
  const common = edges.filter(edge => !edge.lines.length);

  // A state reached only by common events still sits after one of the states it is reached from.
  const reached = new Set(drawn.map(edge => edge.to));
  const placeholders = common.filter(edge => !reached.has(edge.to) && reached.add(edge.to));

  const place = rankdir => {
    const g = new Graph();
    g.setGraph({ rankdir, nodesep: 20, ranksep: 28, edgesep: 10, marginx: margin, marginy: margin });
    for (const name of names) {
      const under = into.has(name) ? commonLine : 0;
      const notes = (into.get(name) ?? []).map(t => t.length * label.charWidth);
      g.setNode(name, { width: Math.max(width(name), ...notes), height: box.height + under });
    }
    for (const edge of drawn) {
      g.setEdge(edge.from, edge.to, {
        ...edge,
        width: Math.max(...edge.lines.map(l => l.length)) * label.charWidth + label.padding,
        height: edge.lines.length * label.lineHeight,
        labelpos: 'c',
      });
    }
    for (const edge of placeholders) g.setEdge(edge.from, edge.to, { hidden: true, weight: 0 });
    dagreLayout(g);
    return g;
  };

  let g = place('LR');
  if (g.graph().width > fitWidth) g = place('TB');
  const size = g.graph();
  const states = names.map(name => {
    const node = g.node(name);
    // The box is the top of the node; the line naming common events is under it.
    return { name, ...node, box: { x: node.x, y: node.y - node.height / 2 + box.height / 2, w: width(name), h: box.height }, common: into.get(name) ?? [] };
  });
  const boxOf = new Map(states.map(state => [state.name, state.box]));
  const arrows = g.edges().map(e => g.edge(e)).filter(edge => !edge.hidden).map(edge => {
    // dagre ends an arrow on the node; end it on the box, which can be narrower and shorter.
    if (edge.from === edge.to) return edge;
    const points = [...edge.points];
    points[0] = onBorder(boxOf.get(edge.from), points[1]);
    points[points.length - 1] = onBorder(boxOf.get(edge.to), points[points.length - 2]);
    return { ...edge, points };
  });
  return { width: size.width, height: size.height, states, edges: [...arrows, ...common] };
}

/** Where the line from the middle of a box towards a point leaves the box. */
function onBorder(rect, toward) {
  const dx = toward.x - rect.x;
  const dy = toward.y - rect.y;
  if (!dx && !dy) return { x: rect.x, y: rect.y };
  if (Math.abs(dy) * rect.w > Math.abs(dx) * rect.h) {
    const half = dy < 0 ? -rect.h / 2 : rect.h / 2;
    return { x: rect.x + (half * dx) / dy, y: rect.y + half };
  }
  const half = dx < 0 ? -rect.w / 2 : rect.w / 2;
  return { x: rect.x + half, y: rect.y + (half * dy) / dx };
}

/** A smooth path through the points dagre routed an arrow along (a uniform B-spline, ends pinned). */
function spline(points) {
  const [first, ...rest] = points;
  if (rest.length < 2) return `M${first.x},${first.y} ${rest.map(p => `L${p.x},${p.y}`).join(' ')}`;
  let path = `M${first.x},${first.y}`;
  let [a, b] = [first, rest[0]];
  path += ` L${(5 * a.x + b.x) / 6},${(5 * a.y + b.y) / 6}`;
  const curve = (p0, p1, p) =>
    ` C${(2 * p0.x + p1.x) / 3},${(2 * p0.y + p1.y) / 3} ${(p0.x + 2 * p1.x) / 3},${(p0.y + 2 * p1.y) / 3} ${(p0.x + 4 * p1.x + p.x) / 6},${(p0.y + 4 * p1.y + p.y) / 6}`;
  for (const p of rest.slice(1)) {
    path += curve(a, b, p);
    [a, b] = [b, p];
  }
  return `${path}${curve(a, b, b)} L${b.x},${b.y}`;
}

/** The SVG for one workflow; counts are filled in (and later updated) by updateCounts. */
export function drawGraph(workflow, id, fitWidth) {
  const picture = layout(workflow.graph ?? { states: [], transitions: [] }, fitWidth);
  const info = new Map((workflow.states ?? []).map(x => [x.name, x]));
  const marker = `${id}-arrow`;

  const arrows = picture.edges.map(edge => {
    if (!edge.points) {
      // Named under the state it leads to instead.
      return s('g', { class: 'transition common', 'data-from': edge.from, 'data-to': edge.to },
        s('title', {}, `${edge.from} → ${edge.to} on ${edge.events.join(', ')}`));
    }
    const top = edge.y - ((edge.lines.length - 1) * label.lineHeight) / 2 + 4;
    return s('g', { class: edge.lines.length ? 'transition' : 'transition common', 'data-from': edge.from, 'data-to': edge.to },
      s('title', {}, `${edge.from} → ${edge.to} on ${edge.events.join(', ')}`),
      s('path', { d: spline(edge.points), 'marker-end': `url(#${marker})` }),
      edge.lines.length
        ? s('text', { x: edge.x, y: top, 'text-anchor': 'middle' },
          edge.lines.map((line, i) => s('tspan', { x: edge.x, dy: i === 0 ? 0 : label.lineHeight }, line)))
        : null);
  });

  const states = picture.states.map(state => {
    const { name } = state;
    const { w } = state.box;
    const left = state.box.x - w / 2;
    const top = state.box.y - box.height / 2;
    const known = info.get(name);
    const kind = name === 'Initial' ? 'initial' : !known?.terminal ? 'running' : known.succeeded ? 'succeeded' : 'ended';
    const href = `#/sagas?type=${encodeURIComponent(workflow.type)}&state=${encodeURIComponent(name)}`;
    return s('a', { href, class: `state ${kind}`, 'data-state': name, 'data-testid': `state-${workflow.type}-${name}` },
      s('title', {}, ''),
      s('rect', { x: left, y: top, width: w, height: box.height, rx: 8 }),
      s('text', { x: state.x, y: top + 18, 'text-anchor': 'middle', class: 'name' }, name),
      s('text', { x: state.x, y: top + 36, 'text-anchor': 'middle', class: 'count', 'data-testid': `state-count-${workflow.type}-${name}` }, '0'),
      state.common.length ? s('text', { x: state.x, y: top + box.height + 12, 'text-anchor': 'middle', class: 'common' }, state.common.join(', ')) : null);
  });

  const svg = s('svg', {
    xmlns: 'http://www.w3.org/2000/svg', class: 'graph', role: 'img', 'aria-labelledby': `${id}-title`,
    viewBox: `0 0 ${picture.width} ${picture.height}`, width: picture.width, height: picture.height, 'data-testid': `graph-${workflow.type}`,
  },
  s('title', { id: `${id}-title` }, `${workflow.type}: ${states.length} states, ${arrows.length} transitions`),
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
