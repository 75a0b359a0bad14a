// The WebAssembly SIMD engine: sha256-simd.wat (assembled into sha256-simd.wasm by the node's
// build) hashes four nonces per instruction; this file loads it and moves plans and
// candidates in and out of its memory. The memory layout is written down in the .wat file.

import { K, PLAN } from './sha256-plan.js';

const PLAN_OFFSET = 0;
const K_OFFSET = 256;
const FOUND_OFFSET = 512;

/** A tiny module using a v128 instruction: validates only where WebAssembly SIMD is supported. */
const SIMD_PROBE = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,       // type: () -> v128
  0x03, 0x02, 0x01, 0x00,                         // one function of that type
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x11, 0x0b); // i32.const 0; i32x4.splat; end

export const simdSupported = () => typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);

export class WasmEngine {
  name = 'WebAssembly SIMD';

  #search;
  #words;

  constructor(instance) {
    this.#search = instance.exports.search;
    this.#words = new Uint32Array(instance.exports.memory.buffer);
    this.#words.set(K, K_OFFSET / 4);
  }

  static async create(wasmUrl = new URL('./sha256-simd.wasm', import.meta.url)) {
    if (!simdSupported()) throw new Error('this browser has no WebAssembly SIMD');
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`could not load ${wasmUrl}: HTTP ${response.status}`);
    const { instance } = await WebAssembly.instantiate(await response.arrayBuffer(), {});
    return new WasmEngine(instance);
  }

  /** Same contract as JsEngine.search: low words [firstLow, firstLow + count) under one plan. */
  search(plan, firstLow, count) {
    if (plan.length !== PLAN.length) throw new Error(`a plan has ${PLAN.length} words, got ${plan.length}`);
    this.#words.set(plan, PLAN_OFFSET / 4);
    const candidates = [];
    let hashed = 0;
    // The kernel stops early when its candidate list fills (easy targets); continue from there.
    while (hashed < count) {
      hashed += this.#search((firstLow + hashed) | 0, count - hashed) >>> 0;
      const found = this.#words[FOUND_OFFSET / 4];
      for (let i = 0; i < found; i++) candidates.push(this.#words[FOUND_OFFSET / 4 + 1 + i]);
    }
    return { candidates, hashed };
  }
}
