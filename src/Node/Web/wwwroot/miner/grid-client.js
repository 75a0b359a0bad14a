// The volunteer's side of the grid protocol, version 1 (README "The protocol"): JSON-RPC 2.0
// over the gateway's WebSocket at /grid. Nonces and range starts travel as 16 hex digits
// (64 bits do not fit a JavaScript number); here they are BigInts.
//
// Events (EventTarget; each event's `detail` holds the params):
//   job {job, header, shareTarget, clean}   work {work, job, start, count, shareTarget}
//   target {shareTarget}   stop {job, reason}   closed {code, reason}

export const PROTOCOL = 1;

// The gateway reads at most so many messages a second (hello's answer states its `limits`; by
// default 20 a second, bursts of 40) and refuses the rest unread (error 27). Shares can come
// faster than that when blocks are easy (a share target is never harder than the block's), so
// requests wait in a queue and leave at three quarters of the budget (15 a second by default).
const SHARE_OF_BUDGET = 0.75;
const DEFAULT_LIMITS = { messagesPerSecond: 20, burst: 40 };

export const toHex64 = (value) => value.toString(16).padStart(16, '0');
export const fromHex64 = (hex) => BigInt(`0x${hex}`);

export class GridClient extends EventTarget {
  #socket = null;
  #nextId = 1;
  #pending = new Map();
  #queue = [];             // requests waiting for the send budget: {id, text, work}
  #perSecond = DEFAULT_LIMITS.messagesPerSecond * SHARE_OF_BUDGET;
  #burst = Math.floor(DEFAULT_LIMITS.burst * SHARE_OF_BUDGET);
  #tokens = this.#burst;
  #refilledAt = performance.now();
  #pump = null;

  /** The gateway that served this page: same host, /grid, wss: when the page came over https. */
  static defaultUrl(location = globalThis.location) {
    return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/grid`;
  }

  /** Opens the socket and says hello; resolves with the session, rejects when the gateway is not there. */
  async connect(url, engine, token) {
    const socket = new WebSocket(url);
    this.#socket = socket;
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error(`no grid gateway at ${url}`));
    });
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = (event) => {
      for (const { reject } of this.#pending.values()) reject(new Error(`connection closed (${event.code})`));
      this.#pending.clear();
      this.#queue.length = 0;
      this.dispatchEvent(new CustomEvent('closed', { detail: { code: event.code, reason: event.reason } }));
    };
    const params = { engine: engine.slice(0, 64) };
    if (token) params.token = token;
    const hello = await this.#request('hello', params);
    if (hello.limits) {
      this.#perSecond = hello.limits.messagesPerSecond * SHARE_OF_BUDGET;
      this.#burst = Math.max(1, Math.floor(hello.limits.burst * SHARE_OF_BUDGET));
    }
    return hello;
  }

  /** A share: resolves with {accepted, block}; rejects with the gateway's error (its `name` and `data`). */
  submit(work, nonce) { return this.#request('submit', { work, nonce: toHex64(nonce) }); }

  /** The first `hashed` nonces of the work are done (cumulative). */
  done(work, hashed) { return this.#request('done', { work, hashed }); }

  /** Leaving: the gateway hands the open work to others at once, then closes the socket. */
  async stop() {
    if (this.#socket?.readyState !== WebSocket.OPEN) return;
    this.#queue.length = 0;
    try { await this.#request('stop', {}); } catch { /* closing anyway */ }
    this.#socket.close(1000);
  }

  /** Requests about these works that have not left yet are dropped (their job is over: they would come back stale). */
  forget(works) {
    const gone = new Set(works);
    this.#queue = this.#queue.filter((queued) => {
      if (!gone.has(queued.work)) return true;
      const pending = this.#pending.get(queued.id);
      this.#pending.delete(queued.id);
      pending?.reject(Object.assign(new Error('dropped: the job is over'), { name: 'dropped' }));
      return false;
    });
  }

  #request(method, params) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#queue.push({ id, text: JSON.stringify({ jsonrpc: '2.0', id, method, params }), work: params.work });
      this.#send();
    });
  }

  /** Sends what the budget allows now, and comes back when the next token is due. */
  #send() {
    const now = performance.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#refilledAt) * this.#perSecond) / 1000);
    this.#refilledAt = now;
    while (this.#queue.length > 0 && this.#tokens >= 1 && this.#socket?.readyState === WebSocket.OPEN) {
      this.#tokens -= 1;
      this.#socket.send(this.#queue.shift().text);
    }
    if (this.#queue.length > 0 && this.#pump === null) {
      this.#pump = setTimeout(() => { this.#pump = null; this.#send(); }, 1000 / this.#perSecond);
    }
  }

  #receive(text) {
    let message;
    try { message = JSON.parse(text); } catch { return; }
    if (message.id !== undefined && message.id !== null && this.#pending.has(message.id)) {
      const { resolve, reject } = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) {
        const error = new Error(`${message.error.message}: ${message.error.data ?? ''}`);
        error.name = message.error.message;
        error.code = message.error.code;
        reject(error);
      } else {
        resolve(message.result);
      }
      return;
    }
    if (message.error) {
      if (message.error.code === 27) {
        // Rate-limited: that message was not read (which one, the gateway cannot say); the session goes on.
        console.warn(`gateway: ${message.error.data}`);
        return;
      }
      // Any other error without an id ends the session (an audit, a limit); the close follows.
      this.dispatchEvent(new CustomEvent('failed', { detail: message.error }));
      return;
    }
    const p = message.params ?? {};
    switch (message.method) {
      case 'job':
      case 'target':
      case 'stop':
        this.dispatchEvent(new CustomEvent(message.method, { detail: p }));
        break;
      case 'work':
        this.dispatchEvent(new CustomEvent('work', { detail: { ...p, start: fromHex64(p.start) } }));
        break;
    }
  }
}
