// Two small SVG charts, drawn by hand (no chart library: nothing is fetched from elsewhere).
// Each call replaces the chart's contents; the SVG scales to its box through its viewBox.

const SVG = 'http://www.w3.org/2000/svg';

function node(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * The top of an axis with round ticks: 1, 2 or 5 × a power of ten, at least `value`, and how
 * many steps to divide it in (5 for a 5, so ticks fall on whole numbers).
 */
export function niceAxis(value) {
  if (!(value > 0)) return { top: 1, steps: 4 };
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value * (1 - 1e-9)) return { top: step * power, steps: step === 5 ? 5 : 4 };
  return { top: 10 * power, steps: 4 };
}

const HEIGHT = 200;
const PAD = { left: 86, right: 14, top: 12, bottom: 24 };

// Draws the frame (horizontal grid lines and their labels) of a `width` × HEIGHT chart.
function frame(svg, width, axis, formatTick) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  for (let i = 0; i <= axis.steps; i++) {
    const y = PAD.top + plotHeight * (1 - i / axis.steps);
    svg.append(node('line', { x1: PAD.left, x2: width - PAD.right, y1: y, y2: y, class: 'grid-line' }));
    svg.append(node('text', { x: PAD.left - 8, y: y + 4, class: 'tick', 'text-anchor': 'end' }, formatTick((axis.top * i) / axis.steps)));
  }
  return plotHeight;
}

/**
 * Lines over time: `series` is [{ values: [{t, v}], className }], all on one y axis from 0;
 * `window` ms of history end at `now` (the newest point sits at the right edge); the axis
 * reaches at least `floor`, so all-zero series get ticks in the series' own units.
 */
export function lineChart(svg, series, { now, window, formatTick, width = 600, floor = 0 }) {
  const axis = niceAxis(Math.max(floor, ...series.flatMap((s) => s.values.map((p) => p.v))));
  const plotHeight = frame(svg, width, axis, formatTick);
  const plotWidth = width - PAD.left - PAD.right;
  const x = (t) => PAD.left + plotWidth * (1 - (now - t) / window);
  const y = (v) => PAD.top + plotHeight * (1 - v / axis.top);
  // A tick every 15 s on a short window, every minute on a long one.
  const step = window <= 120_000 ? 15_000 : 60_000;
  for (let ago = 0; ago <= window; ago += step) {
    const label = ago === 0 ? 'now' : ago < 60_000 || ago % 60_000 ? `−${ago / 1000} s` : `−${ago / 60_000} min`;
    svg.append(node('text', { x: x(now - ago), y: HEIGHT - 6, class: 'tick', 'text-anchor': ago === 0 ? 'end' : 'middle' }, label));
  }
  for (const { values, className } of series) {
    const points = values.filter((p) => now - p.t <= window);
    if (points.length < 2) continue;
    const line = points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
    const area = `${x(points[0].t).toFixed(1)},${y(0)} ${line} ${x(points.at(-1).t).toFixed(1)},${y(0)}`;
    svg.append(node('polygon', { points: area, class: `area ${className}` }));
    svg.append(node('polyline', { points: line, class: `line ${className}` }));
  }
}

/** One bar per item ({label, v}), oldest left; the newest bar is highlighted. */
export function barChart(svg, items, { formatTick, slots, width = 420 }) {
  const axis = niceAxis(Math.max(0, ...items.map((item) => item.v)));
  const top = axis.top;
  const plotHeight = frame(svg, width, axis, formatTick);
  const plotWidth = width - PAD.left - PAD.right;
  const slot = plotWidth / Math.max(slots, items.length, 1);
  items.forEach((item, i) => {
    const height = Math.max(1, (plotHeight * item.v) / top);
    const x = PAD.left + slot * (Math.max(slots, items.length) - items.length + i);
    const bar = node('rect', {
      x: (x + slot * 0.15).toFixed(1), y: (PAD.top + plotHeight - height).toFixed(1),
      width: (slot * 0.7).toFixed(1), height: height.toFixed(1), rx: 2,
      class: i === items.length - 1 ? 'bar bar-newest' : 'bar',
    });
    bar.append(node('title', {}, item.title ?? `${item.label}: ${item.v}`));
    svg.append(bar);
    if (items.length <= 20 || i % Math.ceil(items.length / 10) === 0 || i === items.length - 1) {
      svg.append(node('text', { x: (x + slot / 2).toFixed(1), y: HEIGHT - 6, class: 'tick', 'text-anchor': 'middle' }, item.label));
    }
  });
}
