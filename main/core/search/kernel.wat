;; Quantised pre-scan for exact nearest-neighbour search (see quantized-index.ts for the bound).
;; Rows and the query are int8, zero-padded to `stride` bytes (a multiple of 16). Products of two
;; int8 values in [-127, 127] fit in int16; pairs are widened to int32 before they are summed, so
;; no intermediate can overflow for any vector length. Bound arithmetic is in f64, like the JS.
(module
  ;; Shared so a second thread can run `estimate` over the other half of the rows.
  (import "env" "memory" (memory 1 65536 shared))

  ;; Pass 1. For each row r: est[r] = D·s·t with D the int8 dot product and s the row scale;
  ;; lower bound L = est − (res·xn + qn·fn); hist[bin(L)] += 1 with 4096 bins over [−1, 1].
  ;; meta holds f32 triples (s, res, qn) per row; est is f64 per row; hist is i32 × 4096.
  (func (export "estimate")
    (param $m i32) (param $q i32) (param $meta i32) (param $est i32) (param $hist i32)
    (param $rows i32) (param $stride i32) (param $t f64) (param $xn f64) (param $fn f64) (param $exclude i32)
    (local $r i32) (local $c i32) (local $acc v128) (local $a v128) (local $b v128)
    (local $e f64) (local $lower f64) (local $bin i32) (local $p i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $c (i32.const 0))
        (loop $col
          (local.set $a (v128.load (i32.add (local.get $m) (local.get $c))))
          (local.set $b (v128.load (i32.add (local.get $q) (local.get $c))))
          (local.set $acc
            (i32x4.add
              (local.get $acc)
              (i32x4.add
                (i32x4.extadd_pairwise_i16x8_s (i16x8.extmul_low_i8x16_s (local.get $a) (local.get $b)))
                (i32x4.extadd_pairwise_i16x8_s (i16x8.extmul_high_i8x16_s (local.get $a) (local.get $b))))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (br_if $col (i32.lt_u (local.get $c) (local.get $stride))))
        (local.set $e
          (f64.mul
            (f64.mul
              (f64.convert_i32_s
                (i32.add
                  (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
                  (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
              (f64.promote_f32 (f32.load (local.get $meta))))
            (local.get $t)))
        (f64.store (local.get $est) (local.get $e))
        (if (i32.ne (local.get $r) (local.get $exclude))
          (then
            (local.set $lower
              (f64.sub (local.get $e)
                (f64.add
                  (f64.mul (f64.promote_f32 (f32.load offset=4 (local.get $meta))) (local.get $xn))
                  (f64.mul (f64.promote_f32 (f32.load offset=8 (local.get $meta))) (local.get $fn)))))
            (local.set $bin (i32.trunc_sat_f64_s (f64.mul (f64.add (local.get $lower) (f64.const 1)) (f64.const 2048))))
            (if (i32.lt_s (local.get $bin) (i32.const 0)) (then (local.set $bin (i32.const 0))))
            (if (i32.gt_s (local.get $bin) (i32.const 4095)) (then (local.set $bin (i32.const 4095))))
            (local.set $p (i32.add (local.get $hist) (i32.shl (local.get $bin) (i32.const 2))))
            (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))))
        (local.set $m (i32.add (local.get $m) (local.get $stride)))
        (local.set $meta (i32.add (local.get $meta) (i32.const 12)))
        (local.set $est (i32.add (local.get $est) (i32.const 8)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; Pass 2. Writes the rows whose upper bound est + (res·xn + qn·fn) reaches tau into cand
  ;; (i32 each) and returns how many there are.
  (func (export "collect")
    (param $meta i32) (param $est i32) (param $cand i32) (param $rows i32)
    (param $tau f64) (param $xn f64) (param $fn f64) (param $exclude i32) (result i32)
    (local $r i32) (local $n i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (if (i32.and
              (i32.ne (local.get $r) (local.get $exclude))
              (f64.ge
                (f64.add (f64.load (local.get $est))
                  (f64.add
                    (f64.mul (f64.promote_f32 (f32.load offset=4 (local.get $meta))) (local.get $xn))
                    (f64.mul (f64.promote_f32 (f32.load offset=8 (local.get $meta))) (local.get $fn))))
                (local.get $tau)))
          (then
            (i32.store (i32.add (local.get $cand) (i32.shl (local.get $n) (i32.const 2))) (local.get $r))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $meta (i32.add (local.get $meta) (i32.const 12)))
        (local.set $est (i32.add (local.get $est) (i32.const 8)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (local.get $n))
)
