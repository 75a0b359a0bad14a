// The page's mining workers: picks the engine (WebGPU on a real adapter, else WebAssembly
// SIMD, else plain JavaScript), starts the workers (one for the GPU; for the CPU engines the
// hardware threads minus one, between 1 and 4, so the page itself stays responsive), splits
// each range among them, and measures the rate from what they report.

import { simdSupported } from './engines/wasm-engine.js';

const TWO_32 = 1n << 32n;
const RATE_WINDOW_MS = 5000;

export const defaultWorkerCount = () => Math.min(4, Math.max(1, (navigator.hardwareConcurrency || 2) - 1));

function startWorker(engine, allowFallbackAdapter) {
  const worker = new Worker(new URL('./mining-worker.js', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.type === 'ready') resolve({ worker, engine: data.engine, adapter: data.adapter });
      if (data.type === 'error') { worker.terminate(); reject(new Error(data.message)); }
    };
    worker.onerror = (e) => { worker.terminate(); reject(new Error(e.message || 'the mining worker did not load')); };
    worker.postMessage({ type: 'init', engine, allowFallbackAdapter });
  });
}

export class WorkerPool {
  engine = '';
  workers = [];
  #nextId = 1;
  #pieces = new Map();   // piece id -> {workId, resolve, hashed, count}: pieces being hashed
  #works = new Map();    // work id -> its pieces in nonce order, until the work resolves
  #progress = [];        // [time, hashes] for the rate window
  #onShare = () => {};
  #onEngineChange = () => {};
  /** Called with the nonces each slice hashed (the page keeps a total). */
  onProgress = () => {};
  /** Called once every worker has stopped hashing after pause(). */
  onPaused = () => {};
  #pausedWorkers = 0;

  /**
   * Starts the workers. `engine`: 'auto' (best available), 'webgpu', 'wasm' or 'js'.
   * `onShare(workId, {nonce, hash})` is called for each checked nonce as soon as it is found.
   */
  static async start({ engine = 'auto', workers = defaultWorkerCount(), onShare, onEngineChange } = {}) {
    const pool = new WorkerPool();
    pool.#onShare = onShare ?? pool.#onShare;
    pool.#onEngineChange = onEngineChange ?? pool.#onEngineChange;
    const choices = engine === 'auto' ? ['webgpu', simdSupported() ? 'wasm' : null, 'js'].filter(Boolean) : [engine];
    let lastError = null;
    for (const choice of choices) {
      try {
        const count = choice === 'webgpu' ? 1 : workers;
        const started = await Promise.all(Array.from({ length: count }, () => startWorker(choice, engine === 'webgpu')));
        pool.engine = started[0].engine;
        pool.adapter = started[0].adapter;
        pool.workers = started.map((s) => s.worker);
        pool.workers.forEach((w) => { w.onmessage = ({ data }) => pool.#receive(data); });
        return pool;
      } catch (e) {
        lastError = e;
      }
    }
    throw lastError ?? new Error('no engine could start');
  }

  #receive(data) {
    const piece = this.#pieces.get(data.id);
    switch (data.type) {
      case 'progress':
        this.#progress.push([performance.now(), data.hashed]);
        this.onProgress(data.hashed);
        if (piece) piece.hashed += data.hashed;
        break;
      case 'found':
        if (piece) this.#onShare(piece.workId, { nonce: BigInt(data.nonce), hash: data.hash });
        break;
      case 'done':
        this.#pieces.delete(data.id);
        piece?.resolve(data.hashed);
        break;
      case 'paused':
        if (++this.#pausedWorkers === this.workers.length) this.onPaused();
        break;
      case 'engine':
        this.engine = data.engine;
        this.#onEngineChange(data.engine, data.reason);
        break;
      case 'error':
        console.error(`mining worker: ${data.message}`);
        this.#pieces.delete(data.id);
        piece?.resolve(piece.hashed);
        break;
    }
  }

  /**
   * Hashes [start, start + count) of the job (start a BigInt) spread over the workers, and
   * resolves with the nonces hashed once every piece is done or cancelled.
   */
  async mine(workId, header, target, start, count) {
    const pieces = [];
    const parts = [];
    this.#works.set(workId, parts);
    let next = start;
    const end = start + BigInt(count);
    const share = BigInt(Math.ceil(count / this.workers.length));
    let index = 0;
    while (next < end) {
      // Never across a multiple of 2^32: the engines fix the nonce's high word per range.
      const boundary = (next / TWO_32 + 1n) * TWO_32;
      let stop = next + share;
      if (stop > end) stop = end;
      if (stop > boundary) stop = boundary;
      pieces.push(this.#send(this.workers[index++ % this.workers.length], parts, workId, header, target, next, Number(stop - next)));
      next = stop;
    }
    const hashed = await Promise.all(pieces);
    this.#works.delete(workId);
    return hashed.reduce((a, b) => a + b, 0);
  }

  /**
   * How many nonces of `workId` from its start are hashed without a gap: its pieces in order,
   * each whole until one is not (a piece is hashed in order, one slice after another).
   */
  hashedPrefix(workId) {
    let prefix = 0;
    for (const piece of this.#works.get(workId) ?? []) {
      prefix += piece.hashed;
      if (piece.hashed < piece.count) break;
    }
    return prefix;
  }

  #send(worker, parts, workId, header, target, start, count) {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const piece = { workId, resolve, hashed: 0, count, worker };
      parts.push(piece);
      this.#pieces.set(id, piece);
      worker.postMessage({ type: 'search', id, header, target, start: start.toString(), count });
    });
  }

  /** Stops every piece of `workId` (or of every work when omitted) within one slice. */
  cancel(workId) {
    for (const [id, piece] of this.#pieces) {
      if (workId === undefined || piece.workId === workId) piece.worker.postMessage({ type: 'cancel', id });
    }
  }

  /** Share of time the workers hash, 0.05..1: a throttle for phones' batteries. */
  setDuty(value) { this.workers.forEach((w) => w.postMessage({ type: 'duty', value })); }

  pause() {
    this.#pausedWorkers = 0;
    this.workers.forEach((w) => w.postMessage({ type: 'pause' }));
  }

  resume() { this.workers.forEach((w) => w.postMessage({ type: 'resume' })); }

  /** Hashes per second over the last five seconds. */
  rate() {
    const now = performance.now();
    this.#progress = this.#progress.filter(([time]) => now - time <= RATE_WINDOW_MS);
    if (this.#progress.length === 0) return 0;
    // The first report's hashes were done before its time stamp: count from it, not with it.
    const hashes = this.#progress.slice(1).reduce((sum, [, n]) => sum + n, 0);
    const span = now - this.#progress[0][0];
    return span > 0 ? hashes * 1000 / span : 0;
  }

  terminate() {
    this.workers.forEach((w) => w.terminate());
    this.#pieces.forEach((piece) => piece.resolve(piece.hashed));
    this.#pieces.clear();
  }
}
