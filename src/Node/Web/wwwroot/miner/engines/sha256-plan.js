// The per-job constant work every browser engine starts from: the same midstate precomputation
// as the node's searchers (src/Kernels/Search/JobMidstate.cs and SecondBlockPlan.cs; README
// "Hashing"). The 96-byte header is two SHA-256 blocks. The first (bytes 0..63) never changes
// during a job, so its compression (the midstate) is done once. In the second block words 0..5
// are fixed, word 6 is the nonce's high half, word 7 its low half and words 8..15 padding, so
// with the high half fixed the plan below holds rounds 0..6, the round-7 constants, K+W for
// rounds 8..21 and the constant parts of W22..W37. An engine then does rounds 7..63 per nonce.
//
// A plan is a Uint32Array laid out exactly like SecondBlockPlan.Words, so the C# code, the
// WebAssembly kernel and the WGSL kernel all read the same offsets.

export const PLAN = Object.freeze({
  midstate: 0,        // 8 words: the state after bytes 0..63, added to the final a..h
  round6State: 8,     // 8 words: a..h after round 6
  round7A: 16,        // round 7's new a, without the low nonce word (added per nonce)
  round7E: 17,        // round 7's new e, likewise
  fixedRoundInputs: 18, // 14 words: K[i] + W[i] for rounds 8..21
  scheduleConstants: 32, // 16 words: the constant part of W22..W37
  target: 48,         // 8 words: the target, most significant first
  length: 56,
});

export const K = Uint32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2);

const INITIAL_STATE = Uint32Array.of(
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);

export const HEADER_BYTES = 96;
export const NONCE_OFFSET = 88;
const PADDING_WORD = 0x80000000;
const LENGTH_WORD = HEADER_BYTES * 8;
const FIRST_VARIABLE_SCHEDULE_WORD = 22;
const FIRST_FULL_SCHEDULE_WORD = 38;

const rotr = (x, n) => (x >>> n) | (x << (32 - n));
const bigSigma0 = (x) => rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22);
const bigSigma1 = (x) => rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25);
const smallSigma0 = (x) => rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
const smallSigma1 = (x) => rotr(x, 17) ^ rotr(x, 19) ^ (x >>> 10);
const choose = (e, f, g) => g ^ (e & (f ^ g));
const majority = (a, b, c) => (a & b) | (c & (a | b));

/** W[i] for i ≥ 16 from the four earlier words it depends on. */
const scheduleWord = (w, i) => (smallSigma1(w[i - 2]) + w[i - 7] + smallSigma0(w[i - 15]) + w[i - 16]) >>> 0;

/** Rounds first..last (inclusive) on the working variables in `state`, with schedule `w`. */
function rounds(state, w, first, last) {
  let [a, b, c, d, e, f, g, h] = state;
  for (let i = first; i <= last; i++) {
    const t1 = (h + bigSigma1(e) + choose(e, f, g) + K[i] + w[i]) >>> 0;
    const t2 = (bigSigma0(a) + majority(a, b, c)) >>> 0;
    h = g; g = f; f = e; e = (d + t1) >>> 0;
    d = c; c = b; b = a; a = (t1 + t2) >>> 0;
  }
  state.set([a, b, c, d, e, f, g, h]);
}

/** The 64-word schedule of one 16-word block. */
function expand(block) {
  const w = new Uint32Array(64);
  w.set(block);
  for (let i = 16; i < 64; i++) w[i] = scheduleWord(w, i);
  return w;
}

/** One SHA-256 compression: `state` (8 words) absorbs `block` (16 words). */
function compress(state, block) {
  const working = Uint32Array.from(state);
  rounds(working, expand(block), 0, 63);
  for (let i = 0; i < 8; i++) state[i] = (state[i] + working[i]) >>> 0;
}

function hexToBytes(hex, length, what) {
  if (typeof hex !== 'string' || hex.length !== 2 * length || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new Error(`${what} must be ${2 * length} hex digits, got ${JSON.stringify(hex)}`);
  }
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
  return bytes;
}

const readWords = (bytes, offset, count) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 4 * count);
  return Uint32Array.from({ length: count }, (_, i) => view.getUint32(4 * i, false));
};

/**
 * A job as the gateway sends it: the 96-byte header (its nonce is ignored) and the 256-bit
 * target, both hex. Everything that no nonce changes is computed here, once.
 */
export function prepareJob(headerHex, targetHex) {
  const header = hexToBytes(headerHex, HEADER_BYTES, 'header');
  const target = readWords(hexToBytes(targetHex, 32, 'target'), 0, 8);
  const midstate = Uint32Array.from(INITIAL_STATE);
  compress(midstate, readWords(header, 0, 16));

  // The second block with the nonce words (6 and 7) zero, padded: 0x80000000, zeros, length.
  const blockWords = new Uint32Array(16);
  blockWords.set(readWords(header, 64, 6));
  blockWords[8] = PADDING_WORD;
  blockWords[15] = LENGTH_WORD;

  const round5State = Uint32Array.from(midstate);
  rounds(round5State, expand(blockWords), 0, 5);
  return { header, target, midstate, blockWords, round5State };
}

/** The plan for every nonce of `job` whose high word (header bytes 88..91) is `high`. */
export function planFor(job, high) {
  const plan = new Uint32Array(PLAN.length);
  plan.set(job.midstate, PLAN.midstate);
  plan.set(job.target, PLAN.target);

  const w = new Uint32Array(64);
  w.set(job.blockWords);
  w[6] = high >>> 0;
  for (let i = 16; i < FIRST_VARIABLE_SCHEDULE_WORD; i++) w[i] = scheduleWord(w, i);

  const state = Uint32Array.from(job.round5State);
  rounds(state, w, 6, 6);
  plan.set(state, PLAN.round6State);

  // Round 7 with W7 = 0: its new a and e, each to be increased by the low word per nonce.
  const [a, b, c, d, e, f, g, h] = state;
  const t1 = (h + bigSigma1(e) + choose(e, f, g) + K[7]) >>> 0;
  const t2 = (bigSigma0(a) + majority(a, b, c)) >>> 0;
  plan[PLAN.round7A] = t1 + t2;
  plan[PLAN.round7E] = d + t1;

  for (let i = 8; i < FIRST_VARIABLE_SCHEDULE_WORD; i++) plan[PLAN.fixedRoundInputs + i - 8] = K[i] + w[i];

  // W22..W37: sum the terms whose word index is ≤ 21 and ≠ 7; the rest vary with the low word.
  const fixed = (i) => i !== 7 && i < FIRST_VARIABLE_SCHEDULE_WORD;
  for (let i = FIRST_VARIABLE_SCHEDULE_WORD; i < FIRST_FULL_SCHEDULE_WORD; i++) {
    let constant = 0;
    if (fixed(i - 2)) constant += smallSigma1(w[i - 2]);
    if (fixed(i - 7)) constant += w[i - 7];
    if (fixed(i - 15)) constant += smallSigma0(w[i - 15]);
    if (fixed(i - 16)) constant += w[i - 16];
    plan[PLAN.scheduleConstants + i - FIRST_VARIABLE_SCHEDULE_WORD] = constant;
  }

  return plan;
}

/**
 * The header's hash for nonce (high, low), through the midstate: one plain compression. The
 * workers check every nonce an engine reports with it before passing it on, so a broken
 * kernel can never send a wrong share.
 */
export function hashWords(job, high, low) {
  const block = Uint32Array.from(job.blockWords);
  block[6] = high >>> 0;
  block[7] = low >>> 0;
  const state = Uint32Array.from(job.midstate);
  compress(state, block);
  return state;
}

/** True when the hash (8 words, most significant first) is at most the target. */
export function meetsTarget(hash, target) {
  for (let i = 0; i < 8; i++) {
    if (hash[i] !== target[i]) return hash[i] < target[i];
  }
  return true;
}

export const wordsToHex = (words) => Array.from(words, (x) => x.toString(16).padStart(8, '0')).join('');

/** The 64-bit nonce as a decimal string (JSON numbers cannot carry 64 bits). */
export const nonceString = (high, low) => ((BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)).toString();
