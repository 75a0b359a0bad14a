// The plain JavaScript engine: runs anywhere, one nonce at a time. Same structure as the node's
// kernel (src/Kernels/Gpu/Sha256Kernel.cs): start at round 8 from the plan's constants (see
// sha256-plan.js), build the schedule words that depend on the low nonce word, run the rounds,
// and screen on the hash's first word. Integers stay 32-bit (`| 0`), which V8 keeps in
// registers; `>>> 0` only where an unsigned comparison needs it.

import { K, PLAN } from './sha256-plan.js';

const rotr = (x, n) => (x >>> n) | (x << (32 - n));
const smallSigma0 = (x) => rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
const smallSigma1 = (x) => rotr(x, 17) ^ rotr(x, 19) ^ (x >>> 10);

export class JsEngine {
  name = 'JavaScript';

  // kw[i] = K[i] + W[i] for rounds 8..63; w holds W22..W63 (indexes as in the standard).
  #kw = new Int32Array(64);
  #w = new Int32Array(64);

  /**
   * Hashes low words [firstLow, firstLow + count) under `plan` (one high word; the caller never
   * crosses 2^32) and returns the low words whose hash's first word is at most the target's
   * first word (the caller checks them in full), and how many nonces were hashed.
   */
  search(plan, firstLow, count) {
    const kw = this.#kw;
    const w = this.#w;
    for (let i = 8; i < 22; i++) kw[i] = plan[PLAN.fixedRoundInputs + i - 8];
    const c = (i) => plan[PLAN.scheduleConstants + i - 22] | 0;
    const a7 = plan[PLAN.round7A] | 0, e7 = plan[PLAN.round7E] | 0;
    const [a6, b6, c6, , e6, f6, g6] = plan.subarray(PLAN.round6State, PLAN.round6State + 8);
    const midstate0 = plan[PLAN.midstate] | 0;
    const target0 = plan[PLAN.target] >>> 0;
    const candidates = [];

    for (let n = 0; n < count; n++) {
      const low = (firstLow + n) | 0;

      // W22..W37: the plan's constant part plus the terms that depend on the low word (W7, W22 on).
      w[22] = c(22) + smallSigma0(low);
      w[23] = c(23) + low;
      for (let i = 24; i < 29; i++) w[i] = c(i) + smallSigma1(w[i - 2]);
      for (let i = 29; i < 37; i++) w[i] = c(i) + smallSigma1(w[i - 2]) + w[i - 7];
      w[37] = c(37) + smallSigma1(w[35]) + w[30] + smallSigma0(w[22]);
      // W38..W63: every term varies, so the full formula.
      for (let i = 38; i < 64; i++) w[i] = smallSigma1(w[i - 2]) + w[i - 7] + smallSigma0(w[i - 15]) + w[i - 16];
      for (let i = 22; i < 64; i++) kw[i] = K[i] + w[i];

      // Round 7 only adds the low word to two constants.
      let a = (a7 + low) | 0, b = a6 | 0, cc = b6 | 0, d = c6 | 0;
      let e = (e7 + low) | 0, f = e6 | 0, g = f6 | 0, h = g6 | 0;
      for (let i = 8; i < 64; i++) {
        const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (g ^ (e & (f ^ g))) + kw[i]) | 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) | (cc & (a | b)))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0;
        d = cc; cc = b; b = a; a = (t1 + t2) | 0;
      }

      if (((midstate0 + a) >>> 0) <= target0) candidates.push(low >>> 0);
    }

    return { candidates, hashed: count };
  }
}
