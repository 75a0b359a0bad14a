// The dashboard: one EventSource on /events; the node pushes a whole document (see
// DashboardDocument.cs) about once a second and at once when a block is stored, and every
// push redraws the page. Everything shown from the network goes in as text (textContent),
// never as HTML: block data is whatever someone typed after `mine`.

import { formatRate, formatSeconds } from '../shared/format.js';
import { lineChart, barChart } from './charts.js';

const $ = (id) => document.getElementById(id);
const RATE_WINDOW_MS = 5 * 60_000;
const STALE_MS = 3000;

let lastDocumentAt = 0;       // when the newest document arrived (this browser's clock)
let shownHeights = new Set(); // block rows already on the page, so new ones can flash

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function rateText(perSecond) {
  const [value, unit] = formatRate(perSecond);
  return `${value} ${unit}`;
}

function setValue(id, value, unit) {
  const target = $(id);
  target.textContent = value;
  if (unit) target.append(element('small', '', unit));
}

function setLive(text, tone) {
  $('live').textContent = text;
  $('live').className = `pill pill-${tone}`;
}

function renderStats(doc) {
  $('node').textContent = `${doc.node} · ${doc.address}`;
  document.title = `Beamchain · block ${doc.chain.height}`;
  setValue('height', doc.chain.height.toLocaleString('en'));
  $('tip').textContent = doc.chain.tipHash ? `tip ${doc.chain.tipHash.slice(0, 16)}…` : '';
  const [rate, unit] = formatRate(doc.job.clusterRate);
  setValue('rate', rate, unit);
  const mining = doc.members.filter((m) => m.rate > 0).length;
  $('rate-detail').textContent = mining
    ? `${mining} node${mining === 1 ? '' : 's'} mining`
    : 'no miner has reported a rate';
  setValue('difficulty', doc.chain.difficultyBits.toFixed(2), 'bits');
  // The job comes from the grains' last answer (up to a second old): a block already stored is no longer being mined.
  $('job').textContent = doc.job.height !== undefined && doc.job.height > doc.chain.height
    ? `mining block ${doc.job.height} for ${formatSeconds(doc.job.seconds)}`
    : doc.chain.queued > 0 ? `${doc.chain.queued} request(s) queued` : 'idle: no mine request queued';
  setValue('volunteers', doc.grid.volunteers.toLocaleString('en'));
  $('volunteers-detail').textContent = `verified ${rateText(doc.grid.verifiedRate)}`;

  const problem = $('problem');
  problem.hidden = !doc.problem;
  problem.textContent = doc.problem ?? '';
}

/** An axis label: "1.5 MH/s", not "1.50 MH/s". */
function tickRate(perSecond) {
  if (perSecond === 0) return '0';
  const [value, unit] = formatRate(perSecond);
  return `${Number(value)} ${unit}`;
}

function renderCharts(doc) {
  const now = doc.at;
  // The last five minutes, or less while the node has not been watched that long (at least one).
  const span = doc.rates.length ? now - doc.rates[0].at : 0;
  const window = Math.min(RATE_WINDOW_MS, Math.max(60_000, Math.ceil(span / 60_000) * 60_000));
  $('rate-caption').textContent = `Hash rate, last ${window / 60_000} minute${window === 60_000 ? '' : 's'}`;
  lineChart($('rate-chart'), [
    { className: 'cluster', values: doc.rates.map((s) => ({ t: s.at, v: s.cluster })) },
    { className: 'grid', values: doc.rates.map((s) => ({ t: s.at, v: s.grid })) },
  ], { now, window, formatTick: tickRate, floor: 1000 }); // an idle cluster: 0 to 1 kH/s, not 0 to "1 H/s" in fractions

  const times = doc.blockTimes.map((b) => ({ label: `${b.height}`, v: b.seconds, title: `block ${b.height}: ${formatSeconds(b.seconds)}` }));
  barChart($('block-chart'), times, { slots: 20, formatTick: (v) => (v === 0 ? '0' : v < 60 ? `${Number(v.toFixed(2))} s` : formatSeconds(v)) });
  const last = doc.blockTimes.at(-1);
  $('block-time-detail').textContent = last
    ? `block ${last.height} took ${formatSeconds(last.seconds)}`
    : 'no block mined since this node started';
}

function renderBlocks(doc) {
  const rows = doc.blocks.map((block) => {
    const row = element('tr', shownHeights.size && !shownHeights.has(block.hash) ? 'fresh' : '');
    row.dataset.height = block.height;
    const time = new Date(block.time);
    row.append(
      element('td', '', `#${block.height}`),
      element('td', '', time.toLocaleTimeString('en-GB')),
      element('td', 'hash mono', `${block.hash.slice(0, 12)}…${block.hash.slice(-4)}`),
      element('td', '', `${block.difficultyBits.toFixed(2)} bits`),
      element('td', '', block.seconds !== undefined ? formatSeconds(block.seconds) : '–'),
      element('td', 'data', block.data));
    row.cells[2].title = block.hash;
    row.cells[1].title = block.time;
    if (block.solvedBy) row.cells[4].title = `solved by ${block.solvedBy} at ${rateText(block.rate)}`;
    return row;
  });
  $('blocks').replaceChildren(...rows);
  shownHeights = new Set(doc.blocks.map((b) => b.hash));
}

function listItem(name, figure, share, badge, detail) {
  const item = element('li');
  const label = element('span', 'name', name);
  if (badge) label.append(element('span', 'self', badge));
  item.append(label, element('span', 'figure', figure));
  if (detail) item.append(element('span', 'detail', detail));
  if (share !== undefined) {
    const meter = element('span', 'meter');
    const fill = element('i');
    fill.style.width = `${Math.max(0, Math.min(100, share * 100)).toFixed(1)}%`;
    meter.append(fill);
    item.append(meter);
  }
  return item;
}

function renderMembers(doc) {
  // One row per node: its name, address, the rate its miners reported and its open leases.
  // A row without an address is a node the dispenser still heard from that is no member now.
  const members = doc.members.filter((m) => m.address);
  $('member-count').textContent = `(${members.length})`;
  const total = doc.members.reduce((sum, m) => sum + m.rate, 0);
  $('members').replaceChildren(...doc.members.map((m) => {
    const leases = m.openLeases
      ? `${m.openLeases.toLocaleString('en')} open lease${m.openLeases === 1 ? '' : 's'}, ${m.leasedNonces.toLocaleString('en')} nonces`
      : 'no open lease';
    const where = m.address || 'not a member now';
    const devices = m.devices.map((d) => d.name).join(', ');
    const item = listItem(m.name || m.address, m.rate > 0 ? rateText(m.rate) : 'not mining', total > 0 ? m.rate / total : 0, m.self ? 'this node' : '',
      `${m.name ? `${where} · ` : ''}${leases}${devices ? ` · ${devices}` : ''}`);
    item.dataset.address = m.address;
    item.dataset.name = m.name;
    return item;
  }));

  $('volunteer-count').textContent = `(${doc.grid.volunteers})`;
  $('grid-summary').textContent = `${doc.grid.accepted.toLocaleString('en')} shares accepted, ${doc.grid.rejected.toLocaleString('en')} refused, ${doc.grid.blocks} block(s) found; mining as ${doc.grid.miner}`;
  const fastest = Math.max(0, ...doc.grid.clients.map((c) => c.verifiedRate));
  $('clients').replaceChildren(...(doc.grid.clients.length
    ? doc.grid.clients.map((c) => listItem(`${c.session} · ${c.engine || 'no engine named'}`, rateText(c.verifiedRate), fastest > 0 ? c.verifiedRate / fastest : 0))
    : [element('li', 'empty', 'nobody is mining through this node\'s gateway; open /miner to join')]));
}

function render(doc) {
  renderStats(doc);
  renderCharts(doc);
  renderBlocks(doc);
  renderMembers(doc);
}

const events = new EventSource('/events');
events.onmessage = (event) => {
  lastDocumentAt = Date.now();
  render(JSON.parse(event.data));
  setLive('Live', 'ok');
};
// EventSource reconnects by itself; say so meanwhile.
events.onerror = () => setLive('Node unreachable: reconnecting…', 'bad');

setInterval(() => {
  if (lastDocumentAt && Date.now() - lastDocumentAt > STALE_MS && events.readyState === EventSource.OPEN) {
    setLive(`No update for ${Math.round((Date.now() - lastDocumentAt) / 1000)} s`, 'warn');
  }
}, 1000);
