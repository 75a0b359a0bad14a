// The miner page: nothing runs until the Start button is tapped. Then it starts the workers
// (worker-pool.js) and joins the grid gateway that served the page (grid-client.js): each
// `work` is hashed across the workers and every nonce meeting the share target is submitted.
// Without a gateway (the page opened from a node that has none) it says so and mines a
// practice job locally, so the device's rate still shows; nothing is sent then.

import { WorkerPool, defaultWorkerCount } from './worker-pool.js';
import { GridClient } from './grid-client.js';
import { simdSupported } from './engines/wasm-engine.js';
import { formatRate } from '../shared/format.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const RECONNECT_MS = 5000;
const PROGRESS_MS = 250; // the gateway's tick: it passes progress on to the dispenser that often
const PRACTICE_TARGET = '000003ff' + 'f'.repeat(56); // about one share per 4 million hashes

const state = {
  running: false,
  mode: 'idle',          // idle | connecting | grid | practice
  pool: null,
  client: null,
  jobs: new Map(),       // job id -> header hex
  works: new Map(),      // work id -> work
  accepted: 0,
  rejected: 0,
  blocks: 0,
  practiceShares: 0,
  hashed: 0,
};

function setStatus(text, tone = 'idle', detail = '') {
  const pill = $('status');
  pill.textContent = text;
  pill.title = detail || text;
  pill.className = `pill pill-${tone}`;
}

/** Height and difficulty (the target's leading zero bits) from a job's 96-byte header. */
export function describeHeader(headerHex) {
  const height = BigInt(`0x${headerHex.slice(8, 24)}`);
  const bits = parseInt(headerHex.slice(168, 176), 16);
  const exponent = bits >>> 24;
  const mantissa = bits & 0xffffff;
  const log2Target = Math.log2(mantissa) + 8 * (exponent - 3);
  return { height, difficulty: Math.max(0, 256 - log2Target) };
}

function showBlock(headerHex) {
  const { height, difficulty } = describeHeader(headerHex);
  $('block').textContent = `#${height}`;
  $('block-detail').textContent = `difficulty ${difficulty.toFixed(1)} bits`;
}

function render() {
  const rate = state.pool?.rate() ?? 0;
  const [value, unit] = formatRate(rate);
  $('rate').textContent = value;
  $('rate').title = `${state.hashed} hashes since Start`;
  $('rate-unit').textContent = state.running && unit === 'H/s' && rate === 0 ? 'starting…' : unit;
  if (state.mode === 'practice') {
    $('shares').textContent = state.practiceShares;
    $('shares-detail').textContent = 'practice shares (not sent: no gateway)';
  } else {
    $('shares').textContent = state.accepted;
    $('shares-detail').textContent = state.rejected || state.blocks
      ? `${state.rejected} rejected · ${state.blocks} solved a block`
      : 'proofs of work the gateway checked';
  }
}

function onShare(workId, share) {
  if (state.mode === 'practice') {
    state.practiceShares++;
    return;
  }
  // A share of a work dropped meanwhile (its job ended) would only come back stale.
  if (!state.works.has(workId)) return;
  state.client?.submit(workId, share.nonce).then(
    (result) => {
      state.accepted++;
      if (!result.block) return;
      state.blocks++;
      // That share ended the job: its other works' shares would only come back stale.
      const job = state.works.get(workId)?.job;
      if (job !== undefined) dropWorks((work) => work.job === job);
    },
    (error) => {
      if (error.name === 'dropped') return;
      state.rejected++;
      console.warn(`share refused: ${error.message}`);
    });
}

/** Stops hashing the works `which` picks and drops their requests still waiting to be sent. */
function dropWorks(which) {
  const dropped = [...state.works].filter(([, work]) => which(work)).map(([id]) => id);
  for (const id of dropped) { state.pool?.cancel(id); state.works.delete(id); }
  state.client?.forget(dropped);
}

/**
 * Tells the gateway how far each open work has got (`done` is cumulative, so a lost message
 * costs nothing): when a block is solved inside a work, that much of it counts in the block's
 * figures for this gateway. Sent four times a second (at most 8 messages a second for two open
 * works), inside the page's own pace (three quarters of the gateway's budget: 15 a second by default).
 */
function reportProgress() {
  if (state.mode !== 'grid' || !state.client || !state.pool) return;
  for (const [id, work] of state.works) {
    const hashed = state.pool.hashedPrefix(id);
    if (hashed > (work.reported ?? 0) && hashed < work.count) {
      work.reported = hashed;
      state.client.done(id, hashed).catch((e) => console.warn(`done refused: ${e.message}`));
    }
  }
}

function showEngine(pool) {
  $('engine').textContent = pool.engine;
  $('engine-detail').textContent = pool.engine === 'WebGPU'
    ? `graphics card${pool.adapter ? `: ${pool.adapter}` : ''}`
    : `${pool.workers.length} worker${pool.workers.length === 1 ? '' : 's'} on the CPU`;
}

async function start() {
  state.running = true;
  $('start').setAttribute('aria-pressed', 'true');
  $('start').querySelector('.start-label').textContent = 'Stop';
  setStatus('Starting…', 'warn');
  try {
    state.pool = await WorkerPool.start({
      engine: params.get('engine') ?? 'auto',
      onShare,
      onEngineChange: (engine, reason) => { showEngine(state.pool); console.warn(`engine fell back to ${engine}: ${reason}`); },
    });
  } catch (e) {
    setStatus(`Cannot mine here: ${e.message}`, 'bad');
    stop();
    return;
  }
  state.pool.onProgress = (n) => { state.hashed += n; };
  state.pool.onPaused = () => { if (document.hidden) setStatus('Paused: tab hidden', 'warn'); };
  showEngine(state.pool);
  state.pool.setDuty(Number($('power').value) / 100);
  if (document.hidden) state.pool.pause();
  await connect();
}

async function connect() {
  if (!state.running) return;
  const url = params.get('gateway') ?? GridClient.defaultUrl();
  state.mode = 'connecting';
  setStatus('Connecting to the gateway…', 'warn');
  const client = new GridClient();
  try {
    await client.connect(url, `beamchain-browser/1 (${state.pool.engine})`, params.get('token') ?? undefined);
  } catch {
    practice(url);
    return;
  }
  state.client = client;
  state.mode = 'grid';
  setStatus(document.hidden ? 'Paused: tab hidden' : 'Mining for the cluster', document.hidden ? 'warn' : 'ok');
  client.addEventListener('job', ({ detail }) => {
    state.jobs.set(detail.job, detail.header);
    showBlock(detail.header);
    if (detail.clean) dropWorks((work) => work.job !== detail.job);
  });
  client.addEventListener('work', ({ detail }) => mineWork(detail));
  client.addEventListener('stop', ({ detail }) => {
    dropWorks((work) => work.job === detail.job);
    $('block-detail').textContent = 'waiting for the next block';
  });
  client.addEventListener('failed', ({ detail }) => setStatus(`Gateway refused this miner: ${detail.message}`, 'bad'));
  client.addEventListener('closed', ({ detail }) => {
    if (state.client !== client) return;
    state.client = null;
    state.pool?.cancel();
    state.works.clear();
    if (!state.running) return;
    if (detail.code === 1008) {
      // Refused on policy (token, origin, audit, invalid shares): trying again would not help.
      setStatus('Refused by the gateway', 'bad', detail.reason || 'the gateway closed the connection (policy)');
      stop();
      return;
    }
    setStatus('Disconnected: trying again in 5 s', 'bad');
    setTimeout(connect, RECONNECT_MS);
  });
}

async function mineWork(work) {
  const header = state.jobs.get(work.job);
  if (!header || !state.pool) return;
  state.works.set(work.work, work);
  const hashed = await state.pool.mine(work.work, header, work.shareTarget, work.start, work.count);
  // Report only finished work of a live session; cancelled work was handed back by the gateway.
  if (state.works.delete(work.work) && hashed === work.count && state.client) {
    state.client.done(work.work, hashed).catch((e) => console.warn(`done refused: ${e.message}`));
  }
}

/** No gateway: hash a local job so the user sees what this device does. Nothing is sent. */
async function practice(url) {
  state.mode = 'practice';
  setStatus('Practice: no gateway', 'warn', `no grid gateway answered at ${url}; hashing a local job, nothing is sent`);
  const header = new Uint8Array(96);
  crypto.getRandomValues(header.subarray(20, 84));
  header.set([0, 0, 0, 1], 0);
  header.set([0x1f, 0x00, 0xff, 0xff], 84);
  const headerHex = Array.from(header, (b) => b.toString(16).padStart(2, '0')).join('');
  $('block').textContent = 'practice';
  $('block-detail').textContent = 'a local job, not a real block';
  let start = 0n;
  let id = 0;
  while (state.running && state.mode === 'practice') {
    // About four seconds of work per round, at least a million nonces.
    const count = Math.max(1 << 20, Math.min(2 ** 31, Math.round(state.pool.rate() * 4)));
    await state.pool.mine(`practice-${id++}`, headerHex, PRACTICE_TARGET, start, count);
    start += BigInt(count);
  }
}

function stop() {
  state.running = false;
  state.mode = 'idle';
  state.client?.stop();
  state.client = null;
  state.pool?.terminate();
  state.works.clear();
  $('start').setAttribute('aria-pressed', 'false');
  $('start').querySelector('.start-label').textContent = 'Start';
  if (!$('status').classList.contains('pill-bad')) setStatus('Stopped', 'idle');
  render();
  state.pool = null;
}

$('start').addEventListener('click', () => (state.running ? stop() : start()));

$('power').addEventListener('input', () => {
  const percent = Number($('power').value);
  $('power-value').textContent = `${percent}%`;
  state.pool?.setDuty(percent / 100);
});

document.addEventListener('visibilitychange', () => {
  if (!state.running || !state.pool) return;
  if (document.hidden) {
    setStatus('Pausing…', 'warn');
    state.pool.pause();
  } else {
    state.pool.resume();
    setStatus(state.mode === 'grid' ? 'Mining for the cluster' : 'Practice: no gateway', state.mode === 'grid' ? 'ok' : 'warn');
  }
});

// Before Start only say what would run (asking for a WebGPU adapter starts no work).
async function expectedEngine() {
  const forced = { webgpu: 'WebGPU', wasm: 'WebAssembly SIMD', js: 'JavaScript' }[params.get('engine')];
  if (forced) return forced;
  try {
    const adapter = await globalThis.navigator?.gpu?.requestAdapter();
    if (adapter && !(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter)) return 'WebGPU';
  } catch { /* no WebGPU */ }
  return simdSupported() ? 'WebAssembly SIMD' : 'JavaScript';
}

expectedEngine().then((name) => {
  if (state.running) return;
  const workers = defaultWorkerCount();
  $('engine').textContent = name;
  $('engine-detail').textContent = name === 'WebGPU'
    ? 'graphics card, chosen when you start'
    : `${workers} worker${workers === 1 ? '' : 's'} on the CPU, when you start`;
});
setInterval(render, 500);
setInterval(reportProgress, PROGRESS_MS);
