// One mining worker (a module Web Worker). It runs one engine on the ranges the page sends,
// in slices of about 50 ms, so that a pause, a new duty cycle or a cancel takes effect within a
// slice, and checks every candidate an engine reports in full (plain SHA-256 from the midstate)
// before passing it on.
//
// Messages in:  {type: 'init', engine: 'webgpu' | 'wasm' | 'js', allowFallbackAdapter}
//               {type: 'search', id, header, target, start, count}  (start: decimal string)
//               {type: 'cancel', id}   {type: 'duty', value: 0.05..1}   {type: 'pause'}  {type: 'resume'}
// Messages out: {type: 'ready', engine}   {type: 'engine', engine, reason}  (fell back)
//               {type: 'paused'}  (after 'pause', once the slice in hand is finished)
//               {type: 'progress', id, hashed}  {type: 'found', id, nonce, hash}  (as soon as checked)
//               {type: 'done', id, hashed, found: [{nonce, hash}]}
//               {type: 'error', id?, message}
//
// A range [start, start + count) must not cross a multiple of 2^32: the nonce's high word is
// part of the plan. The page splits ranges there.

import { prepareJob, planFor, hashWords, meetsTarget, wordsToHex, nonceString } from './engines/sha256-plan.js';
import { JsEngine } from './engines/js-engine.js';
import { WasmEngine, simdSupported } from './engines/wasm-engine.js';
import { WebGpuEngine, EngineLostError } from './engines/webgpu-engine.js';

const SLICE_MS = 50;
const TWO_32 = 2 ** 32;

let engine = null;
let duty = 1;
let paused = false;
let searching = false;
let resumeWaiters = [];
const cancelled = new Set();
let queue = Promise.resolve();
let cachedJob = null;

async function createEngine(kind, allowFallbackAdapter) {
  switch (kind) {
    case 'webgpu': return WebGpuEngine.create({ allowFallbackAdapter });
    case 'wasm': return WasmEngine.create();
    case 'js': return new JsEngine();
    default: throw new Error(`unknown engine '${kind}' (webgpu, wasm or js)`);
  }
}

/** The engine to use when the GPU is lost: WebAssembly SIMD where the browser has it. */
async function fallbackEngine() {
  if (simdSupported()) {
    try { return await WasmEngine.create(); } catch { /* fall through to JavaScript */ }
  }
  return new JsEngine();
}

// Yields to the event loop without setTimeout's 4 ms clamp, so messages are seen between slices.
const channel = new MessageChannel();
const yieldWaiters = [];
channel.port1.onmessage = () => yieldWaiters.shift()?.();
const yieldToEvents = () => new Promise((resolve) => { yieldWaiters.push(resolve); channel.port2.postMessage(0); });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function jobFor(header, target) {
  if (cachedJob?.header !== header || cachedJob?.target !== target) {
    cachedJob = { header, target, job: prepareJob(header, target), plans: new Map() };
  }
  return cachedJob;
}

async function search({ id, header, target, start, count }) {
  const first = BigInt(start);
  const high = Number(first >> 32n);
  const firstLow = Number(first & 0xffffffffn);
  if (!Number.isInteger(count) || count < 0 || firstLow + count > TWO_32 || high >= TWO_32) {
    throw new Error(`range [${start}, +${count}) crosses a multiple of 2^32 or is not a range`);
  }

  const entry = jobFor(header, target);
  if (!entry.plans.has(high)) entry.plans.set(high, planFor(entry.job, high));
  const plan = entry.plans.get(high);
  const found = [];
  let hashed = 0;
  let slice = 4096; // grows to about SLICE_MS of work once measured

  while (hashed < count && !cancelled.has(id)) {
    if (paused) {
      postMessage({ type: 'paused' });
      while (paused) await new Promise((resolve) => resumeWaiters.push(resolve));
    }
    const size = Math.min(slice, count - hashed);
    const started = performance.now();
    let result;
    try {
      result = await engine.search(plan, firstLow + hashed, size);
    } catch (e) {
      if (!(e instanceof EngineLostError)) throw e;
      engine = await fallbackEngine();
      postMessage({ type: 'engine', engine: engine.name, reason: e.message });
      continue;
    }
    const busy = performance.now() - started;

    for (const low of result.candidates) {
      const hash = hashWords(entry.job, high, low);
      if (meetsTarget(hash, entry.job.target)) {
        const share = { nonce: nonceString(high, low), hash: wordsToHex(hash) };
        found.push(share);
        postMessage({ type: 'found', id, ...share });
      }
    }
    hashed += result.hashed;
    postMessage({ type: 'progress', id, hashed: result.hashed });

    // Engines that answer at once (JavaScript, WebAssembly) get slices of about SLICE_MS.
    slice = Math.max(1024, Math.min(slice * 4, Math.floor(size * SLICE_MS / Math.max(busy, 1))));
    if (duty < 1) await sleep(busy * (1 - duty) / duty);
    else await yieldToEvents();
  }

  cancelled.delete(id);
  return { hashed, found };
}

onmessage = ({ data }) => {
  switch (data.type) {
    case 'init':
      queue = queue.then(async () => {
        try {
          engine = await createEngine(data.engine, data.allowFallbackAdapter === true);
          postMessage({ type: 'ready', engine: engine.name, adapter: engine.adapter });
        } catch (e) {
          postMessage({ type: 'error', message: `${data.engine}: ${e.message}` });
        }
      });
      break;
    case 'search':
      queue = queue.then(async () => {
        try {
          if (!engine) throw new Error('no engine: send init first');
          searching = true;
          const { hashed, found } = await search(data).finally(() => { searching = false; });
          postMessage({ type: 'done', id: data.id, hashed, found });
        } catch (e) {
          postMessage({ type: 'error', id: data.id, message: e.message });
        }
      });
      break;
    case 'cancel':
      cancelled.add(data.id);
      break;
    case 'duty':
      duty = Math.min(1, Math.max(0.05, Number(data.value) || 1));
      break;
    case 'pause':
      paused = true;
      if (!searching) postMessage({ type: 'paused' });
      break;
    case 'resume':
      paused = false;
      resumeWaiters.splice(0).forEach((resolve) => resolve());
      break;
    default:
      postMessage({ type: 'error', message: `unknown message type '${data.type}'` });
  }
};
