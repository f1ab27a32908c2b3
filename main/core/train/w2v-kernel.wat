;; word2vec training with negative sampling (skip-gram or CBOW), the way gensim's compiled
;; routines do it: same random number generator (48-bit LCG), same sub-sampling test, same
;; reduced window per word, same negative draw (bisection in a cumulative table), same sigmoid
;; table (1,000 entries over -6..6, no update outside it).
;;
;; Every thread instantiates this module over one shared memory that holds both weight
;; matrices (lock-free updates, as in word2vec.c and gensim). Rows are `rowBytes` apart, a
;; multiple of 32 bytes, zero past the vector length; the padding stays zero because every
;; update is a multiple of another padded row.
(module
  (import "env" "memory" (memory 1 65536 shared))

  (global $syn0 (mut i32) (i32.const 0))     ;; input vectors (the word vectors)
  (global $syn1 (mut i32) (i32.const 0))     ;; output vectors for negative sampling
  (global $cum (mut i32) (i32.const 0))      ;; u32 cumulative count^0.75 table
  (global $cumLen (mut i32) (i32.const 0))
  (global $cumMax (mut i32) (i32.const 1))
  (global $buckets (mut i32) (i32.const 0))  ;; u32 × 65,537: first index ≥ b·2^15, narrows each bisection
  (global $sint (mut i32) (i32.const 0))     ;; u32 keep-probability × 2^32 per word
  (global $expT (mut i32) (i32.const 0))     ;; f32 sigmoid table
  (global $logT (mut i32) (i32.const 0))     ;; f32 log-sigmoid table (loss estimate)
  (global $rowBytes (mut i32) (i32.const 32))
  (global $window (mut i32) (i32.const 5))
  (global $negative (mut i32) (i32.const 5))
  (global $sample (mut i32) (i32.const 0))
  (global $work (mut i32) (i32.const 0))     ;; this thread's error accumulator (one row)
  (global $neu1 (mut i32) (i32.const 0))     ;; this thread's CBOW context mean (one row)
  (global $eff (mut i32) (i32.const 0))      ;; this thread's kept words of a sentence
  (global $rnd (mut i64) (i64.const 1))
  (global $alpha (mut f32) (f32.const 0))
  (global $loss (mut f64) (f64.const 0))
  (global $pairs (mut f64) (f64.const 0))

  (func (export "setup")
    (param $syn0 i32) (param $syn1 i32) (param $cum i32) (param $cumLen i32) (param $sint i32)
    (param $expT i32) (param $logT i32) (param $rowBytes i32) (param $window i32) (param $negative i32)
    (param $sample i32) (param $scratch i32) (param $seedHi i32) (param $seedLo i32) (param $buckets i32)
    (global.set $buckets (local.get $buckets))
    (global.set $syn0 (local.get $syn0))
    (global.set $syn1 (local.get $syn1))
    (global.set $cum (local.get $cum))
    (global.set $cumLen (local.get $cumLen))
    (global.set $cumMax (i32.load (i32.add (local.get $cum) (i32.shl (i32.sub (local.get $cumLen) (i32.const 1)) (i32.const 2)))))
    (global.set $sint (local.get $sint))
    (global.set $expT (local.get $expT))
    (global.set $logT (local.get $logT))
    (global.set $rowBytes (local.get $rowBytes))
    (global.set $window (local.get $window))
    (global.set $negative (local.get $negative))
    (global.set $sample (local.get $sample))
    (global.set $work (local.get $scratch))
    (global.set $neu1 (i32.add (local.get $scratch) (local.get $rowBytes)))
    (global.set $eff (i32.add (local.get $scratch) (i32.shl (local.get $rowBytes) (i32.const 1))))
    (global.set $rnd (i64.and
      (i64.or (i64.shl (i64.extend_i32_u (local.get $seedHi)) (i64.const 32)) (i64.extend_i32_u (local.get $seedLo)))
      (i64.const 281474976710655))))

  (func (export "loss") (result f64) (global.get $loss))
  (func (export "pairs") (result f64) (global.get $pairs))

  ;; gensim's random_int32: the top 32 of 48 bits, then one LCG step.
  (func $rand32 (result i32)
    (local $r i32)
    (local.set $r (i32.wrap_i64 (i64.shr_u (global.get $rnd) (i64.const 16))))
    (global.set $rnd (i64.and
      (i64.add (i64.mul (global.get $rnd) (i64.const 25214903917)) (i64.const 11))
      (i64.const 281474976710655)))
    (local.get $r))

  ;; First index whose cumulative value is ≥ x (Python's bisect_left), without branches. The
  ;; bucket of x (its top 16 of 31 bits) bounds the answer, so a search takes a step or two
  ;; instead of seventeen, with the very same result.
  (func $bisect (export "bisect") (param $x i32) (result i32)
    (local $lo i32) (local $hi i32) (local $mid i32) (local $lt i32) (local $b i32)
    (local.set $b (i32.add (global.get $buckets) (i32.shl (i32.shr_u (local.get $x) (i32.const 15)) (i32.const 2))))
    (local.set $lo (i32.load (local.get $b)))
    (local.set $hi (i32.load offset=4 (local.get $b)))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $lo) (local.get $hi)))
        (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
        (local.set $lt (i32.lt_u
          (i32.load (i32.add (global.get $cum) (i32.shl (local.get $mid) (i32.const 2))))
          (local.get $x)))
        (local.set $lo (select (i32.add (local.get $mid) (i32.const 1)) (local.get $lo) (local.get $lt)))
        (local.set $hi (select (local.get $hi) (local.get $mid) (local.get $lt)))
        (br $step)))
    (local.get $lo))

  (func $dot (param $a i32) (param $b i32) (result f32)
    (local $k i32) (local $s0 v128) (local $s1 v128)
    (loop $l
      (local.set $s0 (f32x4.add (local.get $s0)
        (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $k))) (v128.load (i32.add (local.get $b) (local.get $k))))))
      (local.set $s1 (f32x4.add (local.get $s1)
        (f32x4.mul (v128.load offset=16 (i32.add (local.get $a) (local.get $k))) (v128.load offset=16 (i32.add (local.get $b) (local.get $k))))))
      (local.set $k (i32.add (local.get $k) (i32.const 32)))
      (br_if $l (i32.lt_u (local.get $k) (global.get $rowBytes))))
    (local.set $s0 (f32x4.add (local.get $s0) (local.get $s1)))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $s0)) (f32x4.extract_lane 1 (local.get $s0)))
      (f32.add (f32x4.extract_lane 2 (local.get $s0)) (f32x4.extract_lane 3 (local.get $s0)))))

  ;; dst += src (one row)
  (func $addRow (param $dst i32) (param $src i32)
    (local $k i32)
    (loop $l
      (v128.store (i32.add (local.get $dst) (local.get $k))
        (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $k))) (v128.load (i32.add (local.get $src) (local.get $k)))))
      (v128.store offset=16 (i32.add (local.get $dst) (local.get $k))
        (f32x4.add (v128.load offset=16 (i32.add (local.get $dst) (local.get $k))) (v128.load offset=16 (i32.add (local.get $src) (local.get $k)))))
      (local.set $k (i32.add (local.get $k) (i32.const 32)))
      (br_if $l (i32.lt_u (local.get $k) (global.get $rowBytes)))))

  (func $zeroRow (param $dst i32)
    (local $k i32)
    (loop $l
      (v128.store (i32.add (local.get $dst) (local.get $k)) (v128.const i32x4 0 0 0 0))
      (v128.store offset=16 (i32.add (local.get $dst) (local.get $k)) (v128.const i32x4 0 0 0 0))
      (local.set $k (i32.add (local.get $k) (i32.const 32)))
      (br_if $l (i32.lt_u (local.get $k) (global.get $rowBytes)))))

  ;; One positive (`word`) and `negative` drawn words against the input row l1: updates the
  ;; output rows and leaves the input row's correction in work.
  (func $negatives (param $l1 i32) (param $word i32)
    (local $d i32) (local $target i32) (local $label f32) (local $l2 i32) (local $f f32)
    (local $idx i32) (local $g v128) (local $k i32) (local $x1 v128) (local $x2 v128)
    (call $zeroRow (global.get $work))
    (loop $neg
      (block $next
        (if (i32.eqz (local.get $d))
          (then
            (local.set $target (local.get $word))
            (local.set $label (f32.const 1)))
          (else
            (local.set $target (call $bisect (i32.rem_u (call $rand32) (global.get $cumMax))))
            (br_if $next (i32.eq (local.get $target) (local.get $word)))
            (local.set $label (f32.const 0))))
        (local.set $l2 (i32.add (global.get $syn1) (i32.mul (local.get $target) (global.get $rowBytes))))
        (local.set $f (call $dot (local.get $l1) (local.get $l2)))
        ;; Loss estimate: -log σ(f) for the word, -log σ(-f) for a drawn one (table, clamped).
        (local.set $idx (i32.trunc_sat_f32_s (f32.mul (f32.add (local.get $f) (f32.const 6)) (f32.const 83.33333))))
        (local.set $idx (select (i32.const 0) (local.get $idx) (i32.lt_s (local.get $idx) (i32.const 0))))
        (local.set $idx (select (i32.const 999) (local.get $idx) (i32.gt_s (local.get $idx) (i32.const 999))))
        (global.set $loss (f64.sub (global.get $loss) (f64.promote_f32 (f32.load (i32.add (global.get $logT)
          (i32.shl (select (local.get $idx) (i32.sub (i32.const 999) (local.get $idx)) (i32.eqz (local.get $d))) (i32.const 2)))))))
        (br_if $next (f32.le (local.get $f) (f32.const -6)))
        (br_if $next (f32.ge (local.get $f) (f32.const 6)))
        (local.set $g (f32x4.splat (f32.mul
          (f32.sub (local.get $label) (f32.load (i32.add (global.get $expT) (i32.shl (local.get $idx) (i32.const 2)))))
          (global.get $alpha))))
        (local.set $k (i32.const 0))
        (loop $upd
          (local.set $x2 (v128.load (i32.add (local.get $l2) (local.get $k))))
          (local.set $x1 (v128.load (i32.add (local.get $l1) (local.get $k))))
          (v128.store (i32.add (global.get $work) (local.get $k))
            (f32x4.add (v128.load (i32.add (global.get $work) (local.get $k))) (f32x4.mul (local.get $g) (local.get $x2))))
          (v128.store (i32.add (local.get $l2) (local.get $k))
            (f32x4.add (local.get $x2) (f32x4.mul (local.get $g) (local.get $x1))))
          (local.set $x2 (v128.load offset=16 (i32.add (local.get $l2) (local.get $k))))
          (local.set $x1 (v128.load offset=16 (i32.add (local.get $l1) (local.get $k))))
          (v128.store offset=16 (i32.add (global.get $work) (local.get $k))
            (f32x4.add (v128.load offset=16 (i32.add (global.get $work) (local.get $k))) (f32x4.mul (local.get $g) (local.get $x2))))
          (v128.store offset=16 (i32.add (local.get $l2) (local.get $k))
            (f32x4.add (local.get $x2) (f32x4.mul (local.get $g) (local.get $x1))))
          (local.set $k (i32.add (local.get $k) (i32.const 32)))
          (br_if $upd (i32.lt_u (local.get $k) (global.get $rowBytes)))))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br_if $neg (i32.le_u (local.get $d) (global.get $negative)))))

  (func $row (param $i i32) (result i32)
    (i32.add (global.get $syn0) (i32.mul
      (i32.load (i32.add (global.get $eff) (i32.shl (local.get $i) (i32.const 2))))
      (global.get $rowBytes))))

  ;; Skip-gram over the n kept words of one sentence: each context word's vector predicts the
  ;; centre word (gensim's order of the pair).
  (func $skipGram (param $n i32)
    (local $i i32) (local $j i32) (local $j1 i32) (local $b i32) (local $word i32) (local $l1 i32)
    (block $done
      (loop $words
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $b (i32.rem_u (call $rand32) (global.get $window)))
        (local.set $j (i32.add (i32.sub (local.get $i) (global.get $window)) (local.get $b)))
        (local.set $j (select (local.get $j) (i32.const 0) (i32.gt_s (local.get $j) (i32.const 0))))
        (local.set $j1 (i32.sub (i32.add (i32.add (local.get $i) (global.get $window)) (i32.const 1)) (local.get $b)))
        (local.set $j1 (select (local.get $j1) (local.get $n) (i32.lt_s (local.get $j1) (local.get $n))))
        (local.set $word (i32.load (i32.add (global.get $eff) (i32.shl (local.get $i) (i32.const 2)))))
        (block $ctxDone
          (loop $ctx
            (br_if $ctxDone (i32.ge_s (local.get $j) (local.get $j1)))
            (if (i32.ne (local.get $j) (local.get $i))
              (then
                (local.set $l1 (call $row (local.get $j)))
                (call $negatives (local.get $l1) (local.get $word))
                (call $addRow (local.get $l1) (global.get $work))
                (global.set $pairs (f64.add (global.get $pairs) (f64.const 1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $ctx)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $words))))

  ;; CBOW: the mean of the context vectors predicts the centre word; every context vector gets
  ;; the whole correction (gensim's cbow_mean=1).
  (func $cbow (param $n i32)
    (local $i i32) (local $j i32) (local $j0 i32) (local $j1 i32) (local $b i32) (local $count i32)
    (local $k i32) (local $inv v128)
    (block $done
      (loop $words
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $b (i32.rem_u (call $rand32) (global.get $window)))
        (local.set $j0 (i32.add (i32.sub (local.get $i) (global.get $window)) (local.get $b)))
        (local.set $j0 (select (local.get $j0) (i32.const 0) (i32.gt_s (local.get $j0) (i32.const 0))))
        (local.set $j1 (i32.sub (i32.add (i32.add (local.get $i) (global.get $window)) (i32.const 1)) (local.get $b)))
        (local.set $j1 (select (local.get $j1) (local.get $n) (i32.lt_s (local.get $j1) (local.get $n))))
        (call $zeroRow (global.get $neu1))
        (local.set $count (i32.const 0))
        (local.set $j (local.get $j0))
        (block $sumDone
          (loop $sum
            (br_if $sumDone (i32.ge_s (local.get $j) (local.get $j1)))
            (if (i32.ne (local.get $j) (local.get $i))
              (then
                (call $addRow (global.get $neu1) (call $row (local.get $j)))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $sum)))
        (if (local.get $count)
          (then
            (local.set $inv (f32x4.splat (f32.div (f32.const 1) (f32.convert_i32_u (local.get $count)))))
            (local.set $k (i32.const 0))
            (loop $scale
              (v128.store (i32.add (global.get $neu1) (local.get $k))
                (f32x4.mul (v128.load (i32.add (global.get $neu1) (local.get $k))) (local.get $inv)))
              (local.set $k (i32.add (local.get $k) (i32.const 16)))
              (br_if $scale (i32.lt_u (local.get $k) (global.get $rowBytes))))
            (call $negatives (global.get $neu1) (i32.load (i32.add (global.get $eff) (i32.shl (local.get $i) (i32.const 2)))))
            (global.set $pairs (f64.add (global.get $pairs) (f64.const 1)))
            (local.set $j (local.get $j0))
            (block $updDone
              (loop $upd
                (br_if $updDone (i32.ge_s (local.get $j) (local.get $j1)))
                (if (i32.ne (local.get $j) (local.get $i))
                  (then (call $addRow (call $row (local.get $j)) (global.get $work))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $upd)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $words))))

  ;; Trains on `nsent` sentences whose word ids lie one after another at `words` and whose
  ;; lengths (each ≤ the eff buffer) are at `lens`. Returns the words kept by sub-sampling.
  (func (export "train") (param $words i32) (param $lens i32) (param $nsent i32) (param $alpha f32) (param $useCbow i32)
    (result i32)
    (local $s i32) (local $len i32) (local $t i32) (local $w i32) (local $n i32) (local $total i32) (local $p i32)
    (global.set $alpha (local.get $alpha))
    (local.set $p (local.get $words))
    (block $done
      (loop $sent
        (br_if $done (i32.ge_u (local.get $s) (local.get $nsent)))
        (local.set $len (i32.load (i32.add (local.get $lens) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $n (i32.const 0))
        (local.set $t (i32.const 0))
        (block $keptAll
          (loop $keep
            (br_if $keptAll (i32.ge_u (local.get $t) (local.get $len)))
            (local.set $w (i32.load (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 2)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (if (global.get $sample)
              (then
                (br_if $keep (i32.lt_u
                  (i32.load (i32.add (global.get $sint) (i32.shl (local.get $w) (i32.const 2))))
                  (call $rand32)))))
            (i32.store (i32.add (global.get $eff) (i32.shl (local.get $n) (i32.const 2))) (local.get $w))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $keep)))
        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 2))))
        (if (local.get $useCbow) (then (call $cbow (local.get $n))) (else (call $skipGram (local.get $n))))
        (local.set $total (i32.add (local.get $total) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $sent)))
    (local.get $total))
)
