;; The WebAssembly SIMD engine's kernel: four nonces per v128, one in each i32x4 lane, with the
;; same midstate precomputation as the node's kernel (src/Kernels/Gpu/Sha256Kernel.cs). The plan
;; (sha256-plan.js, laid out as SecondBlockPlan) already holds rounds 0..6 and every round input
;; that no low nonce word changes; per vector of four consecutive low words this does the
;; schedule words W22..W63, rounds 8..63 (round 7 only adds the low word to two constants), and
;; screens on the hash's first word. wasm-engine.js checks each candidate it reports in full.
;;
;; Assembled by src/WatAssembler during the node's build (no other toolchain needed).
;;
;; Memory (bytes), shared with wasm-engine.js:
;;     0  the plan, 56 words. Word i + 10 holds the fixed part of round i's input for i = 8..37:
;;        K[i] + W[i] for rounds 8..21, the constant part of W[i] for 22..37. Word 48 is the
;;        target's first word.
;;   256  K[0..63], written by wasm-engine.js
;;   512  the number of candidates, then up to 64 candidate low words from 516
;;  1024  KW[i] = K[i] + W[i], one v128 per round at 1024 + 16 i (rounds 8..63)
;;  2048  W[i], one v128 at 2048 + 16 i (i = 22..63)
(module
  (memory (export "memory") 1)

  ;; W22..W63 for the four low words in $low, each stored with its round input K[i] + W[i]
  ;; ($p = 16 i: W[i] at 2048 + $p, K[i] + W[i] at 1024 + $p, K[i] at 256 + $p / 4, and for
  ;; i ≤ 37 the plan's constant part at 40 + $p / 4). Which terms vary is as in the node's
  ;; kernel: W7 (the low word) and every word from W22 on; the plan holds the sum of the others.
  ;; Each stretch of words with the same varying terms is its own straight loop, so no word
  ;; tests which terms it has. Every σ is written out in place: WebAssembly SIMD has no rotate
  ;; (shift both ways and or), and engines do not reliably inline small functions, which costs
  ;; half the speed.
  ;;   σ0(x) = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)      σ1(x) = rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10)
  (func $schedule (param $low v128)
    (local $p i32) (local $x v128) (local $w v128)

    ;; W22 = C22 + σ0(W7)
    (local.set $p (i32.const 352))
    (local.set $x (local.get $low))
    (local.set $w (i32x4.add (v128.load32_splat offset=40 (i32.shr_u (local.get $p) (i32.const 2)))
      (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $x) (i32.const 7)) (i32x4.shl (local.get $x) (i32.const 25)))
                                (v128.or (i32x4.shr_u (local.get $x) (i32.const 18)) (i32x4.shl (local.get $x) (i32.const 14))))
                      (i32x4.shr_u (local.get $x) (i32.const 3)))))
      (v128.store offset=2048 (local.get $p) (local.get $w))
      (v128.store offset=1024 (local.get $p)
        (i32x4.add (local.get $w) (v128.load32_splat offset=256 (i32.shr_u (local.get $p) (i32.const 2)))))

    ;; W23 = C23 + W7
    (local.set $p (i32.const 368))
    (local.set $w (i32x4.add (v128.load32_splat offset=40 (i32.shr_u (local.get $p) (i32.const 2))) (local.get $low)))
      (v128.store offset=2048 (local.get $p) (local.get $w))
      (v128.store offset=1024 (local.get $p)
        (i32x4.add (local.get $w) (v128.load32_splat offset=256 (i32.shr_u (local.get $p) (i32.const 2)))))

    ;; W24..W28 = C + σ1(W[i − 2])
    (local.set $p (i32.const 384))
    (loop $words
      (local.set $x (v128.load offset=2016 (local.get $p)))
      (local.set $w (i32x4.add (v128.load32_splat offset=40 (i32.shr_u (local.get $p) (i32.const 2)))
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $x) (i32.const 17)) (i32x4.shl (local.get $x) (i32.const 15)))
                                (v128.or (i32x4.shr_u (local.get $x) (i32.const 19)) (i32x4.shl (local.get $x) (i32.const 13))))
                      (i32x4.shr_u (local.get $x) (i32.const 10)))))
      (v128.store offset=2048 (local.get $p) (local.get $w))
      (v128.store offset=1024 (local.get $p)
        (i32x4.add (local.get $w) (v128.load32_splat offset=256 (i32.shr_u (local.get $p) (i32.const 2)))))
      (br_if $words (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (i32.const 464))))

    ;; W29..W36 = C + σ1(W[i − 2]) + W[i − 7]
    (loop $words
      (local.set $x (v128.load offset=2016 (local.get $p)))
      (local.set $w (i32x4.add (i32x4.add (v128.load32_splat offset=40 (i32.shr_u (local.get $p) (i32.const 2))) (v128.load offset=1936 (local.get $p)))
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $x) (i32.const 17)) (i32x4.shl (local.get $x) (i32.const 15)))
                                (v128.or (i32x4.shr_u (local.get $x) (i32.const 19)) (i32x4.shl (local.get $x) (i32.const 13))))
                      (i32x4.shr_u (local.get $x) (i32.const 10)))))
      (v128.store offset=2048 (local.get $p) (local.get $w))
      (v128.store offset=1024 (local.get $p)
        (i32x4.add (local.get $w) (v128.load32_splat offset=256 (i32.shr_u (local.get $p) (i32.const 2)))))
      (br_if $words (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (i32.const 592))))

    ;; W37 = C37 + σ1(W35) + W30 + σ0(W22)
    (local.set $x (v128.load offset=2016 (local.get $p)))
    (local.set $w (i32x4.add (i32x4.add (v128.load32_splat offset=40 (i32.shr_u (local.get $p) (i32.const 2))) (v128.load offset=1936 (local.get $p)))
      (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $x) (i32.const 17)) (i32x4.shl (local.get $x) (i32.const 15)))
                                (v128.or (i32x4.shr_u (local.get $x) (i32.const 19)) (i32x4.shl (local.get $x) (i32.const 13))))
                      (i32x4.shr_u (local.get $x) (i32.const 10)))))
    (local.set $x (v128.load offset=2400 (i32.const 0)))
    (local.set $w (i32x4.add (local.get $w)
      (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $x) (i32.const 7)) (i32x4.shl (local.get $x) (i32.const 25)))
                                (v128.or (i32x4.shr_u (local.get $x) (i32.const 18)) (i32x4.shl (local.get $x) (i32.const 14))))
                      (i32x4.shr_u (local.get $x) (i32.const 3)))))
      (v128.store offset=2048 (local.get $p) (local.get $w))
      (v128.store offset=1024 (local.get $p)
        (i32x4.add (local.get $w) (v128.load32_splat offset=256 (i32.shr_u (local.get $p) (i32.const 2)))))

    ;; W38..W63: every term varies, so the full formula σ1(W[i − 2]) + W[i − 7] + σ0(W[i − 15]) + W[i − 16].
    (local.set $p (i32.const 608))
    (loop $words
      (local.set $x (v128.load offset=2016 (local.get $p)))
      (local.set $w (i32x4.add (v128.load offset=1936 (local.get $p))
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $x) (i32.const 17)) (i32x4.shl (local.get $x) (i32.const 15)))
                                (v128.or (i32x4.shr_u (local.get $x) (i32.const 19)) (i32x4.shl (local.get $x) (i32.const 13))))
                      (i32x4.shr_u (local.get $x) (i32.const 10)))))
      (local.set $x (v128.load offset=1808 (local.get $p)))
      (local.set $w (i32x4.add (i32x4.add (local.get $w) (v128.load offset=1792 (local.get $p)))
        (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $x) (i32.const 7)) (i32x4.shl (local.get $x) (i32.const 25)))
                                (v128.or (i32x4.shr_u (local.get $x) (i32.const 18)) (i32x4.shl (local.get $x) (i32.const 14))))
                      (i32x4.shr_u (local.get $x) (i32.const 3)))))
      (v128.store offset=2048 (local.get $p) (local.get $w))
      (v128.store offset=1024 (local.get $p)
        (i32x4.add (local.get $w) (v128.load32_splat offset=256 (i32.shr_u (local.get $p) (i32.const 2)))))
      (br_if $words (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (i32.const 1024)))))

  ;; Appends $low to the candidates when the lane is in range and its hash's first word is at
  ;; most the target's.
  (func $candidate (param $hash0 i32) (param $low i32) (param $inRange i32)
    (local $n i32)
    (if (i32.and (local.get $inRange) (i32.le_u (local.get $hash0) (i32.load offset=192 (i32.const 0))))
      (then
        (local.set $n (i32.load offset=512 (i32.const 0)))
        (i32.store offset=516 (i32.shl (local.get $n) (i32.const 2)) (local.get $low))
        (i32.store offset=512 (i32.const 0) (i32.add (local.get $n) (i32.const 1))))))

  ;; Hashes low words [firstLow, firstLow + count) (never across 2^32: the high word is in the
  ;; plan) and returns how many it hashed: all of them, or fewer when 60 candidates filled the
  ;; list, so that the caller collects them and calls again from where this stopped.
  (func (export "search") (param $firstLow i32) (param $count i32) (result i32)
    (local $done i32) (local $p i32) (local $remaining i32)
    (local $low v128) (local $hash0 v128) (local $t v128) (local $ab v128) (local $bc v128)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $e v128) (local $f v128) (local $g v128) (local $h v128)

    (i32.store offset=512 (i32.const 0) (i32.const 0))
    ;; KW8..KW21 do not depend on the nonce: spread them over the lanes once per call.
    (local.set $p (i32.const 128))
    (loop $fixed
      (v128.store offset=1024 (local.get $p) (v128.load32_splat offset=40 (i32.shr_u (local.get $p) (i32.const 2))))
      (br_if $fixed (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (i32.const 352))))

    (block $finished
      (loop $vectors
        (br_if $finished (i32.ge_u (local.get $done) (local.get $count)))
        (local.set $low (i32x4.add (i32x4.splat (i32.add (local.get $firstLow) (local.get $done)))
                                   (v128.const i32x4 0 1 2 3)))
        (call $schedule (local.get $low))

        ;; After round 7: a = round7A + low, e = round7E + low; the rest from round 6's state
        ;; (plan words 8..14 shifted by one place).
        (local.set $a (i32x4.add (v128.load32_splat offset=64 (i32.const 0)) (local.get $low)))
        (local.set $b (v128.load32_splat offset=32 (i32.const 0)))
        (local.set $c (v128.load32_splat offset=36 (i32.const 0)))
        (local.set $d (v128.load32_splat offset=40 (i32.const 0)))
        (local.set $e (i32x4.add (v128.load32_splat offset=68 (i32.const 0)) (local.get $low)))
        (local.set $f (v128.load32_splat offset=48 (i32.const 0)))
        (local.set $g (v128.load32_splat offset=52 (i32.const 0)))
        (local.set $h (v128.load32_splat offset=56 (i32.const 0)))

        ;; Rounds 8..63, eight per pass so the variables rename instead of moving. Each round:
        ;; T1 = h + Σ1(e) + Ch(e, f, g) + KW[i]; d += T1; h = T1 + Σ0(a) + Maj(a, b, c), where
        ;; Ch(e, f, g) = bitselect(f, g, e), Σ0(a) = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22),
        ;; Σ1(e) = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25), and Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)):
        ;; this round's b ^ c is the last round's a ^ b, so $ab and $bc take turns holding the two
        ;; and Maj costs three operations, not four.
        (local.set $bc (v128.xor (local.get $b) (local.get $c)))
        (local.set $p (i32.const 128))
        (loop $rounds
          (local.set $t (i32x4.add (i32x4.add (local.get $h) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $e) (i32.const 6)) (i32x4.shl (local.get $e) (i32.const 26)))
                                                               (v128.or (i32x4.shr_u (local.get $e) (i32.const 11)) (i32x4.shl (local.get $e) (i32.const 21))))
                                                               (v128.or (i32x4.shr_u (local.get $e) (i32.const 25)) (i32x4.shl (local.get $e) (i32.const 7)))))
                                   (i32x4.add (v128.bitselect (local.get $f) (local.get $g) (local.get $e)) (v128.load offset=1024 (local.get $p)))))
          (local.set $d (i32x4.add (local.get $d) (local.get $t)))
          (local.set $ab (v128.xor (local.get $a) (local.get $b)))
          (local.set $h (i32x4.add (i32x4.add (local.get $t) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $a) (i32.const 2)) (i32x4.shl (local.get $a) (i32.const 30)))
                                                               (v128.or (i32x4.shr_u (local.get $a) (i32.const 13)) (i32x4.shl (local.get $a) (i32.const 19))))
                                                               (v128.or (i32x4.shr_u (local.get $a) (i32.const 22)) (i32x4.shl (local.get $a) (i32.const 10)))))
                                   (v128.xor (local.get $b) (v128.and (local.get $ab) (local.get $bc)))))

          (local.set $t (i32x4.add (i32x4.add (local.get $g) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $d) (i32.const 6)) (i32x4.shl (local.get $d) (i32.const 26)))
                                                               (v128.or (i32x4.shr_u (local.get $d) (i32.const 11)) (i32x4.shl (local.get $d) (i32.const 21))))
                                                               (v128.or (i32x4.shr_u (local.get $d) (i32.const 25)) (i32x4.shl (local.get $d) (i32.const 7)))))
                                   (i32x4.add (v128.bitselect (local.get $e) (local.get $f) (local.get $d)) (v128.load offset=1040 (local.get $p)))))
          (local.set $c (i32x4.add (local.get $c) (local.get $t)))
          (local.set $bc (v128.xor (local.get $h) (local.get $a)))
          (local.set $g (i32x4.add (i32x4.add (local.get $t) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $h) (i32.const 2)) (i32x4.shl (local.get $h) (i32.const 30)))
                                                               (v128.or (i32x4.shr_u (local.get $h) (i32.const 13)) (i32x4.shl (local.get $h) (i32.const 19))))
                                                               (v128.or (i32x4.shr_u (local.get $h) (i32.const 22)) (i32x4.shl (local.get $h) (i32.const 10)))))
                                   (v128.xor (local.get $a) (v128.and (local.get $bc) (local.get $ab)))))

          (local.set $t (i32x4.add (i32x4.add (local.get $f) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $c) (i32.const 6)) (i32x4.shl (local.get $c) (i32.const 26)))
                                                               (v128.or (i32x4.shr_u (local.get $c) (i32.const 11)) (i32x4.shl (local.get $c) (i32.const 21))))
                                                               (v128.or (i32x4.shr_u (local.get $c) (i32.const 25)) (i32x4.shl (local.get $c) (i32.const 7)))))
                                   (i32x4.add (v128.bitselect (local.get $d) (local.get $e) (local.get $c)) (v128.load offset=1056 (local.get $p)))))
          (local.set $b (i32x4.add (local.get $b) (local.get $t)))
          (local.set $ab (v128.xor (local.get $g) (local.get $h)))
          (local.set $f (i32x4.add (i32x4.add (local.get $t) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $g) (i32.const 2)) (i32x4.shl (local.get $g) (i32.const 30)))
                                                               (v128.or (i32x4.shr_u (local.get $g) (i32.const 13)) (i32x4.shl (local.get $g) (i32.const 19))))
                                                               (v128.or (i32x4.shr_u (local.get $g) (i32.const 22)) (i32x4.shl (local.get $g) (i32.const 10)))))
                                   (v128.xor (local.get $h) (v128.and (local.get $ab) (local.get $bc)))))

          (local.set $t (i32x4.add (i32x4.add (local.get $e) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $b) (i32.const 6)) (i32x4.shl (local.get $b) (i32.const 26)))
                                                               (v128.or (i32x4.shr_u (local.get $b) (i32.const 11)) (i32x4.shl (local.get $b) (i32.const 21))))
                                                               (v128.or (i32x4.shr_u (local.get $b) (i32.const 25)) (i32x4.shl (local.get $b) (i32.const 7)))))
                                   (i32x4.add (v128.bitselect (local.get $c) (local.get $d) (local.get $b)) (v128.load offset=1072 (local.get $p)))))
          (local.set $a (i32x4.add (local.get $a) (local.get $t)))
          (local.set $bc (v128.xor (local.get $f) (local.get $g)))
          (local.set $e (i32x4.add (i32x4.add (local.get $t) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $f) (i32.const 2)) (i32x4.shl (local.get $f) (i32.const 30)))
                                                               (v128.or (i32x4.shr_u (local.get $f) (i32.const 13)) (i32x4.shl (local.get $f) (i32.const 19))))
                                                               (v128.or (i32x4.shr_u (local.get $f) (i32.const 22)) (i32x4.shl (local.get $f) (i32.const 10)))))
                                   (v128.xor (local.get $g) (v128.and (local.get $bc) (local.get $ab)))))

          (local.set $t (i32x4.add (i32x4.add (local.get $d) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $a) (i32.const 6)) (i32x4.shl (local.get $a) (i32.const 26)))
                                                               (v128.or (i32x4.shr_u (local.get $a) (i32.const 11)) (i32x4.shl (local.get $a) (i32.const 21))))
                                                               (v128.or (i32x4.shr_u (local.get $a) (i32.const 25)) (i32x4.shl (local.get $a) (i32.const 7)))))
                                   (i32x4.add (v128.bitselect (local.get $b) (local.get $c) (local.get $a)) (v128.load offset=1088 (local.get $p)))))
          (local.set $h (i32x4.add (local.get $h) (local.get $t)))
          (local.set $ab (v128.xor (local.get $e) (local.get $f)))
          (local.set $d (i32x4.add (i32x4.add (local.get $t) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $e) (i32.const 2)) (i32x4.shl (local.get $e) (i32.const 30)))
                                                               (v128.or (i32x4.shr_u (local.get $e) (i32.const 13)) (i32x4.shl (local.get $e) (i32.const 19))))
                                                               (v128.or (i32x4.shr_u (local.get $e) (i32.const 22)) (i32x4.shl (local.get $e) (i32.const 10)))))
                                   (v128.xor (local.get $f) (v128.and (local.get $ab) (local.get $bc)))))

          (local.set $t (i32x4.add (i32x4.add (local.get $c) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $h) (i32.const 6)) (i32x4.shl (local.get $h) (i32.const 26)))
                                                               (v128.or (i32x4.shr_u (local.get $h) (i32.const 11)) (i32x4.shl (local.get $h) (i32.const 21))))
                                                               (v128.or (i32x4.shr_u (local.get $h) (i32.const 25)) (i32x4.shl (local.get $h) (i32.const 7)))))
                                   (i32x4.add (v128.bitselect (local.get $a) (local.get $b) (local.get $h)) (v128.load offset=1104 (local.get $p)))))
          (local.set $g (i32x4.add (local.get $g) (local.get $t)))
          (local.set $bc (v128.xor (local.get $d) (local.get $e)))
          (local.set $c (i32x4.add (i32x4.add (local.get $t) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $d) (i32.const 2)) (i32x4.shl (local.get $d) (i32.const 30)))
                                                               (v128.or (i32x4.shr_u (local.get $d) (i32.const 13)) (i32x4.shl (local.get $d) (i32.const 19))))
                                                               (v128.or (i32x4.shr_u (local.get $d) (i32.const 22)) (i32x4.shl (local.get $d) (i32.const 10)))))
                                   (v128.xor (local.get $e) (v128.and (local.get $bc) (local.get $ab)))))

          (local.set $t (i32x4.add (i32x4.add (local.get $b) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $g) (i32.const 6)) (i32x4.shl (local.get $g) (i32.const 26)))
                                                               (v128.or (i32x4.shr_u (local.get $g) (i32.const 11)) (i32x4.shl (local.get $g) (i32.const 21))))
                                                               (v128.or (i32x4.shr_u (local.get $g) (i32.const 25)) (i32x4.shl (local.get $g) (i32.const 7)))))
                                   (i32x4.add (v128.bitselect (local.get $h) (local.get $a) (local.get $g)) (v128.load offset=1120 (local.get $p)))))
          (local.set $f (i32x4.add (local.get $f) (local.get $t)))
          (local.set $ab (v128.xor (local.get $c) (local.get $d)))
          (local.set $b (i32x4.add (i32x4.add (local.get $t) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $c) (i32.const 2)) (i32x4.shl (local.get $c) (i32.const 30)))
                                                               (v128.or (i32x4.shr_u (local.get $c) (i32.const 13)) (i32x4.shl (local.get $c) (i32.const 19))))
                                                               (v128.or (i32x4.shr_u (local.get $c) (i32.const 22)) (i32x4.shl (local.get $c) (i32.const 10)))))
                                   (v128.xor (local.get $d) (v128.and (local.get $ab) (local.get $bc)))))

          (local.set $t (i32x4.add (i32x4.add (local.get $a) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $f) (i32.const 6)) (i32x4.shl (local.get $f) (i32.const 26)))
                                                               (v128.or (i32x4.shr_u (local.get $f) (i32.const 11)) (i32x4.shl (local.get $f) (i32.const 21))))
                                                               (v128.or (i32x4.shr_u (local.get $f) (i32.const 25)) (i32x4.shl (local.get $f) (i32.const 7)))))
                                   (i32x4.add (v128.bitselect (local.get $g) (local.get $h) (local.get $f)) (v128.load offset=1136 (local.get $p)))))
          (local.set $e (i32x4.add (local.get $e) (local.get $t)))
          (local.set $bc (v128.xor (local.get $b) (local.get $c)))
          (local.set $a (i32x4.add (i32x4.add (local.get $t) (v128.xor (v128.xor (v128.or (i32x4.shr_u (local.get $b) (i32.const 2)) (i32x4.shl (local.get $b) (i32.const 30)))
                                                               (v128.or (i32x4.shr_u (local.get $b) (i32.const 13)) (i32x4.shl (local.get $b) (i32.const 19))))
                                                               (v128.or (i32x4.shr_u (local.get $b) (i32.const 22)) (i32x4.shl (local.get $b) (i32.const 10)))))
                                   (v128.xor (local.get $c) (v128.and (local.get $bc) (local.get $ab)))))

          (br_if $rounds (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 128))) (i32.const 1024))))

        ;; The hash's first word is midstate word 0 + a. Rarely at most the target's first word:
        ;; then record the lanes that are, among those inside the range.
        (local.set $hash0 (i32x4.add (v128.load32_splat offset=0 (i32.const 0)) (local.get $a)))
        (if (v128.any_true (i32x4.le_u (local.get $hash0) (v128.load32_splat offset=192 (i32.const 0))))
          (then
            (local.set $remaining (i32.sub (local.get $count) (local.get $done)))
            (call $candidate (i32x4.extract_lane 0 (local.get $hash0)) (i32x4.extract_lane 0 (local.get $low)) (i32.gt_u (local.get $remaining) (i32.const 0)))
            (call $candidate (i32x4.extract_lane 1 (local.get $hash0)) (i32x4.extract_lane 1 (local.get $low)) (i32.gt_u (local.get $remaining) (i32.const 1)))
            (call $candidate (i32x4.extract_lane 2 (local.get $hash0)) (i32x4.extract_lane 2 (local.get $low)) (i32.gt_u (local.get $remaining) (i32.const 2)))
            (call $candidate (i32x4.extract_lane 3 (local.get $hash0)) (i32x4.extract_lane 3 (local.get $low)) (i32.gt_u (local.get $remaining) (i32.const 3)))))

        (local.set $done (i32.add (local.get $done) (i32.const 4)))
        (br_if $finished (i32.gt_u (i32.load offset=512 (i32.const 0)) (i32.const 60)))
        (br $vectors)))

    ;; The last vector may run past the range; those lanes were never recorded.
    (if (result i32) (i32.gt_u (local.get $done) (local.get $count))
      (then (local.get $count))
      (else (local.get $done)))))
