// The WebGPU engine's kernel: one invocation hashes `per_invocation` consecutive low nonce
// words, with the same midstate precomputation and the same steps as the node's kernel
// (src/Kernels/Gpu/Sha256Kernel.cs). The plan (sha256-plan.js, laid out as SecondBlockPlan)
// holds rounds 0..6 and every round input that no low word changes: word i + 10 is K[i] + W[i]
// for rounds 8..21 and the constant part of W[i] for 22..37. Round 7 only adds the low word
// to two constants; rounds 8..63 follow, each schedule word built just before its round. A
// nonce whose hash's first word is at most the target's is a candidate: its low word goes to
// `found` (word 0 counts them), and webgpu-engine.js checks it in full. Memory is touched only
// for a candidate; u32 arithmetic wraps, as SHA-256 needs.

struct Range {
  first_low: u32,
  count: u32,
  per_invocation: u32,
  capacity: u32,
}

@group(0) @binding(0) var<storage, read> plan: array<u32, 56>;
@group(0) @binding(1) var<uniform> range: Range;
@group(0) @binding(2) var<storage, read_write> found: array<atomic<u32>>;

fn rotr(x: u32, n: u32) -> u32 { return (x >> n) | (x << (32u - n)); }
fn big_sigma0(x: u32) -> u32 { return rotr(x, 2u) ^ rotr(x, 13u) ^ rotr(x, 22u); }
fn big_sigma1(x: u32) -> u32 { return rotr(x, 6u) ^ rotr(x, 11u) ^ rotr(x, 25u); }
fn small_sigma0(x: u32) -> u32 { return rotr(x, 7u) ^ rotr(x, 18u) ^ (x >> 3u); }
fn small_sigma1(x: u32) -> u32 { return rotr(x, 17u) ^ rotr(x, 19u) ^ (x >> 10u); }

// One round: T1 = h + Σ1(e) + Ch(e, f, g) + K[i] + W[i]; d += T1; h = T1 + Σ0(a) + Maj(a, b, c).
// The caller renames the variables for the next round instead of moving them.
fn sha_round(a: u32, b: u32, c: u32, d: ptr<function, u32>, e: u32, f: u32, g: u32, h: ptr<function, u32>, kw: u32) {
  let t1 = *h + big_sigma1(e) + (g ^ (e & (f ^ g))) + kw;
  *d = *d + t1;
  *h = t1 + big_sigma0(a) + ((a & b) | (c & (a | b)));
}

// The hash's first word for one low word: rounds 8..63 from the plan.
fn first_hash_word(low: u32) -> u32 {
  // After round 7: a and e add the low word to the plan's round-7 constants (words 16, 17);
  // b, c, d, f, g, h are round 6's a, b, c, e, f, g (words 8..14).
  var a = plan[16] + low;
  var b = plan[8];
  var c = plan[9];
  var d = plan[10];
  var e = plan[17] + low;
  var f = plan[12];
  var g = plan[13];
  var h = plan[14];

  sha_round(a, b, c, &d, e, f, g, &h, plan[18]);
  sha_round(h, a, b, &c, d, e, f, &g, plan[19]);
  sha_round(g, h, a, &b, c, d, e, &f, plan[20]);
  sha_round(f, g, h, &a, b, c, d, &e, plan[21]);
  sha_round(e, f, g, &h, a, b, c, &d, plan[22]);
  sha_round(d, e, f, &g, h, a, b, &c, plan[23]);
  sha_round(c, d, e, &f, g, h, a, &b, plan[24]);
  sha_round(b, c, d, &e, f, g, h, &a, plan[25]);
  sha_round(a, b, c, &d, e, f, g, &h, plan[26]);
  sha_round(h, a, b, &c, d, e, f, &g, plan[27]);
  sha_round(g, h, a, &b, c, d, e, &f, plan[28]);
  sha_round(f, g, h, &a, b, c, d, &e, plan[29]);
  sha_round(e, f, g, &h, a, b, c, &d, plan[30]);
  sha_round(d, e, f, &g, h, a, b, &c, plan[31]);

  // W22..W37: the plan's constant part (word i + 10) plus the terms that depend on the low word.
  let w22 = plan[32] + small_sigma0(low);
  sha_round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dcu + w22);
  let w23 = plan[33] + low;
  sha_round(b, c, d, &e, f, g, h, &a, 0x76f988dau + w23);
  let w24 = plan[34] + small_sigma1(w22);
  sha_round(a, b, c, &d, e, f, g, &h, 0x983e5152u + w24);
  let w25 = plan[35] + small_sigma1(w23);
  sha_round(h, a, b, &c, d, e, f, &g, 0xa831c66du + w25);
  let w26 = plan[36] + small_sigma1(w24);
  sha_round(g, h, a, &b, c, d, e, &f, 0xb00327c8u + w26);
  let w27 = plan[37] + small_sigma1(w25);
  sha_round(f, g, h, &a, b, c, d, &e, 0xbf597fc7u + w27);
  let w28 = plan[38] + small_sigma1(w26);
  sha_round(e, f, g, &h, a, b, c, &d, 0xc6e00bf3u + w28);
  let w29 = plan[39] + small_sigma1(w27) + w22;
  sha_round(d, e, f, &g, h, a, b, &c, 0xd5a79147u + w29);
  let w30 = plan[40] + small_sigma1(w28) + w23;
  sha_round(c, d, e, &f, g, h, a, &b, 0x06ca6351u + w30);
  let w31 = plan[41] + small_sigma1(w29) + w24;
  sha_round(b, c, d, &e, f, g, h, &a, 0x14292967u + w31);
  let w32 = plan[42] + small_sigma1(w30) + w25;
  sha_round(a, b, c, &d, e, f, g, &h, 0x27b70a85u + w32);
  let w33 = plan[43] + small_sigma1(w31) + w26;
  sha_round(h, a, b, &c, d, e, f, &g, 0x2e1b2138u + w33);
  let w34 = plan[44] + small_sigma1(w32) + w27;
  sha_round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfcu + w34);
  let w35 = plan[45] + small_sigma1(w33) + w28;
  sha_round(f, g, h, &a, b, c, d, &e, 0x53380d13u + w35);
  let w36 = plan[46] + small_sigma1(w34) + w29;
  sha_round(e, f, g, &h, a, b, c, &d, 0x650a7354u + w36);
  let w37 = plan[47] + small_sigma1(w35) + w30 + small_sigma0(w22);
  sha_round(d, e, f, &g, h, a, b, &c, 0x766a0abbu + w37);
  // W38..W63: every term varies, so the full formula.
  let w38 = small_sigma1(w36) + w31 + small_sigma0(w23) + w22;
  sha_round(c, d, e, &f, g, h, a, &b, 0x81c2c92eu + w38);
  let w39 = small_sigma1(w37) + w32 + small_sigma0(w24) + w23;
  sha_round(b, c, d, &e, f, g, h, &a, 0x92722c85u + w39);
  let w40 = small_sigma1(w38) + w33 + small_sigma0(w25) + w24;
  sha_round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a1u + w40);
  let w41 = small_sigma1(w39) + w34 + small_sigma0(w26) + w25;
  sha_round(h, a, b, &c, d, e, f, &g, 0xa81a664bu + w41);
  let w42 = small_sigma1(w40) + w35 + small_sigma0(w27) + w26;
  sha_round(g, h, a, &b, c, d, e, &f, 0xc24b8b70u + w42);
  let w43 = small_sigma1(w41) + w36 + small_sigma0(w28) + w27;
  sha_round(f, g, h, &a, b, c, d, &e, 0xc76c51a3u + w43);
  let w44 = small_sigma1(w42) + w37 + small_sigma0(w29) + w28;
  sha_round(e, f, g, &h, a, b, c, &d, 0xd192e819u + w44);
  let w45 = small_sigma1(w43) + w38 + small_sigma0(w30) + w29;
  sha_round(d, e, f, &g, h, a, b, &c, 0xd6990624u + w45);
  let w46 = small_sigma1(w44) + w39 + small_sigma0(w31) + w30;
  sha_round(c, d, e, &f, g, h, a, &b, 0xf40e3585u + w46);
  let w47 = small_sigma1(w45) + w40 + small_sigma0(w32) + w31;
  sha_round(b, c, d, &e, f, g, h, &a, 0x106aa070u + w47);
  let w48 = small_sigma1(w46) + w41 + small_sigma0(w33) + w32;
  sha_round(a, b, c, &d, e, f, g, &h, 0x19a4c116u + w48);
  let w49 = small_sigma1(w47) + w42 + small_sigma0(w34) + w33;
  sha_round(h, a, b, &c, d, e, f, &g, 0x1e376c08u + w49);
  let w50 = small_sigma1(w48) + w43 + small_sigma0(w35) + w34;
  sha_round(g, h, a, &b, c, d, e, &f, 0x2748774cu + w50);
  let w51 = small_sigma1(w49) + w44 + small_sigma0(w36) + w35;
  sha_round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5u + w51);
  let w52 = small_sigma1(w50) + w45 + small_sigma0(w37) + w36;
  sha_round(e, f, g, &h, a, b, c, &d, 0x391c0cb3u + w52);
  let w53 = small_sigma1(w51) + w46 + small_sigma0(w38) + w37;
  sha_round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4au + w53);
  let w54 = small_sigma1(w52) + w47 + small_sigma0(w39) + w38;
  sha_round(c, d, e, &f, g, h, a, &b, 0x5b9cca4fu + w54);
  let w55 = small_sigma1(w53) + w48 + small_sigma0(w40) + w39;
  sha_round(b, c, d, &e, f, g, h, &a, 0x682e6ff3u + w55);
  let w56 = small_sigma1(w54) + w49 + small_sigma0(w41) + w40;
  sha_round(a, b, c, &d, e, f, g, &h, 0x748f82eeu + w56);
  let w57 = small_sigma1(w55) + w50 + small_sigma0(w42) + w41;
  sha_round(h, a, b, &c, d, e, f, &g, 0x78a5636fu + w57);
  let w58 = small_sigma1(w56) + w51 + small_sigma0(w43) + w42;
  sha_round(g, h, a, &b, c, d, e, &f, 0x84c87814u + w58);
  let w59 = small_sigma1(w57) + w52 + small_sigma0(w44) + w43;
  sha_round(f, g, h, &a, b, c, d, &e, 0x8cc70208u + w59);
  let w60 = small_sigma1(w58) + w53 + small_sigma0(w45) + w44;
  sha_round(e, f, g, &h, a, b, c, &d, 0x90befffau + w60);
  let w61 = small_sigma1(w59) + w54 + small_sigma0(w46) + w45;
  sha_round(d, e, f, &g, h, a, b, &c, 0xa4506cebu + w61);
  let w62 = small_sigma1(w60) + w55 + small_sigma0(w47) + w46;
  sha_round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7u + w62);
  let w63 = small_sigma1(w61) + w56 + small_sigma0(w48) + w47;
  sha_round(b, c, d, &e, f, g, h, &a, 0xc67178f2u + w63);

  return plan[0] + a;
}

@compute @workgroup_size(64)
fn search(@builtin(global_invocation_id) id: vec3<u32>) {
  let first = id.x * range.per_invocation;
  for (var k = 0u; k < range.per_invocation; k++) {
    let offset = first + k;
    if (offset >= range.count) {
      return;
    }
    let low = range.first_low + offset;
    if (first_hash_word(low) <= plan[48]) {
      let slot = atomicAdd(&found[0], 1u);
      if (slot < range.capacity) {
        atomicStore(&found[slot + 1u], low);
      }
    }
  }
}
