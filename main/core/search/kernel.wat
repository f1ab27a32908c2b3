;; Int8 dot products for the quantised pre-scan of exact nearest-neighbour search.
;; Rows and the query are int8, zero-padded to `stride` bytes (a multiple of 16).
;; Products of two int8 values in [-127, 127] fit in int16; pairs are widened to int32 before
;; they are summed, so no intermediate can overflow for any vector length.
(module
  (memory (export "memory") 1)

  ;; out[r] = sum_j m[r * stride + j] * q[j]   for r in [0, rows)
  (func (export "dots")
    (param $m i32) (param $q i32) (param $out i32) (param $rows i32) (param $stride i32)
    (local $end i32) (local $c i32) (local $acc v128) (local $a v128) (local $b v128)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
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
        (i32.store (local.get $out)
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (local.set $m (i32.add (local.get $m) (local.get $stride)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $row))))
)
