// The WebGPU engine: sha256.wgsl on the graphics card. Dispatches are sized from the measured
// rate to take about 40 ms (never more than ~50 ms), so a page stays responsive, a pause or a
// new job takes effect quickly, and the browser never sees a long-running GPU task. A lost
// device (driver reset, tab in background on some phones) rejects the search with
// `EngineLostError`, and the worker falls back to the next engine.

import { PLAN } from './sha256-plan.js';

const CAPACITY = 64;            // candidates one dispatch can hold; more would be an easy target
const WORKGROUP_SIZE = 64;      // as @workgroup_size in sha256.wgsl
const PER_INVOCATION = 64;      // low words each invocation hashes
const MAX_WORKGROUPS = 65535;   // WebGPU's guaranteed maxComputeWorkgroupsPerDimension
const TARGET_DISPATCH_MS = 40;

export class EngineLostError extends Error {}

export class WebGpuEngine {
  name = 'WebGPU';

  #device; #pipeline; #bindGroup; #planBuffer; #rangeBuffer; #foundBuffer; #readBuffer;
  #lost = null;
  #batch = WORKGROUP_SIZE * PER_INVOCATION * 16; // first dispatch: small, to measure the rate

  /**
   * Opens the best adapter. A fallback adapter (a software rasteriser such as SwiftShader) is
   * refused unless `allowFallbackAdapter`: on the CPU the WebAssembly engine is far faster.
   */
  static async create({ allowFallbackAdapter = false, shaderUrl = new URL('./sha256.wgsl', import.meta.url) } = {}) {
    if (!globalThis.navigator?.gpu) throw new Error('this browser has no WebGPU');
    const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error('WebGPU found no adapter');
    const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    if (fallback && !allowFallbackAdapter) throw new Error('the only WebGPU adapter is a software fallback');
    const device = await adapter.requestDevice();
    const response = await fetch(shaderUrl);
    if (!response.ok) throw new Error(`could not load ${shaderUrl}: HTTP ${response.status}`);
    const engine = new WebGpuEngine();
    await engine.#init(device, await response.text());
    engine.adapter = `${adapter.info?.vendor || 'unknown vendor'} ${adapter.info?.architecture || ''}${fallback ? ' (fallback)' : ''}`.trim();
    return engine;
  }

  async #init(device, code) {
    this.#device = device;
    device.lost.then((info) => { this.#lost = info.message || info.reason || 'device lost'; });
    const module = device.createShaderModule({ code });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length) throw new Error(`sha256.wgsl: ${errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ')}`);
    this.#pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'search' } });
    this.#planBuffer = device.createBuffer({ size: PLAN.length * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    this.#rangeBuffer = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.#foundBuffer = device.createBuffer({ size: (1 + CAPACITY) * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    this.#readBuffer = device.createBuffer({ size: (1 + CAPACITY) * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.#bindGroup = device.createBindGroup({
      layout: this.#pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.#planBuffer } },
        { binding: 1, resource: { buffer: this.#rangeBuffer } },
        { binding: 2, resource: { buffer: this.#foundBuffer } },
      ],
    });
  }

  /** Same contract as JsEngine.search, but asynchronous: one or more dispatches of ≤ ~50 ms. */
  async search(plan, firstLow, count) {
    const device = this.#device;
    device.queue.writeBuffer(this.#planBuffer, 0, plan);
    const candidates = [];
    let hashed = 0;
    while (hashed < count) {
      if (this.#lost) throw new EngineLostError(`WebGPU device lost: ${this.#lost}`);
      const batch = Math.min(count - hashed, this.#batch, MAX_WORKGROUPS * WORKGROUP_SIZE * PER_INVOCATION);
      const started = performance.now();
      device.queue.writeBuffer(this.#rangeBuffer, 0, Uint32Array.of((firstLow + hashed) >>> 0, batch, PER_INVOCATION, CAPACITY));
      device.queue.writeBuffer(this.#foundBuffer, 0, new Uint32Array(1));
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(this.#pipeline);
      pass.setBindGroup(0, this.#bindGroup);
      pass.dispatchWorkgroups(Math.ceil(batch / (WORKGROUP_SIZE * PER_INVOCATION)));
      pass.end();
      encoder.copyBufferToBuffer(this.#foundBuffer, 0, this.#readBuffer, 0, (1 + CAPACITY) * 4);
      device.queue.submit([encoder.finish()]);
      try {
        await this.#readBuffer.mapAsync(GPUMapMode.READ);
      } catch (e) {
        // A lost device fails the mapping; its `lost` promise settles at about the same time.
        const lost = await Promise.race([this.#device.lost.then(() => true), new Promise((r) => setTimeout(() => r(false), 1000))]);
        throw lost ? new EngineLostError(`WebGPU device lost: ${this.#lost ?? e.message}`) : e;
      }
      const words = new Uint32Array(this.#readBuffer.getMappedRange().slice(0));
      this.#readBuffer.unmap();
      if (words[0] > CAPACITY) {
        // More candidates than the buffer holds: redo this batch in smaller pieces.
        this.#batch = Math.max(WORKGROUP_SIZE, Math.floor(batch / 4));
        continue;
      }
      // Atomics fill the list in no particular order; callers expect ascending nonces.
      candidates.push(...Array.from(words.subarray(1, 1 + words[0])).sort((x, y) => x - y));
      hashed += batch;
      this.#resize(batch, performance.now() - started);
    }
    return { candidates, hashed };
  }

  /** Next batch: the rate just measured times the target duration, changing at most 4x at once. */
  #resize(batch, ms) {
    const next = Math.floor(batch * TARGET_DISPATCH_MS / Math.max(ms, 1));
    const limit = MAX_WORKGROUPS * WORKGROUP_SIZE * PER_INVOCATION;
    this.#batch = Math.max(WORKGROUP_SIZE * PER_INVOCATION, Math.min(limit, Math.min(next, batch * 4)));
  }

  destroy() { this.#device?.destroy(); }
}
