;; Float32 dot products for the exact kNN graph of a view (f32x4 SIMD).
;; `dots4` scores 4 consecutive query rows against `cols` candidate rows, 2 candidates per step,
;; so each loaded value serves several products. Rows are `stride` floats (a multiple of 4,
;; zero-padded). out[r * cols + c] = sum_t a[r * stride + t] * b[c * stride + t].
(module
  (memory (export "memory") 1)

  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  (func (export "dots4")
    (param $a i32) (param $b i32) (param $out i32) (param $cols i32) (param $stride i32)
    (local $rowBytes i32) (local $c i32) (local $t i32) (local $pb i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $x v128) (local $y v128) (local $q v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $o i32) (local $colBytes i32)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $colBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $a0 (local.get $a))
    (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $rowBytes)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $rowBytes)))
    (local.set $c (i32.const 0))
    ;; pairs of candidates
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_s (i32.add (local.get $c) (i32.const 2)) (local.get $cols)))
        (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $c) (local.get $rowBytes))))
        (local.set $s00 (v128.const f32x4 0 0 0 0)) (local.set $s01 (v128.const f32x4 0 0 0 0))
        (local.set $s10 (v128.const f32x4 0 0 0 0)) (local.set $s11 (v128.const f32x4 0 0 0 0))
        (local.set $s20 (v128.const f32x4 0 0 0 0)) (local.set $s21 (v128.const f32x4 0 0 0 0))
        (local.set $s30 (v128.const f32x4 0 0 0 0)) (local.set $s31 (v128.const f32x4 0 0 0 0))
        (local.set $t (i32.const 0))
        (loop $dim
          (local.set $x (v128.load (i32.add (local.get $pb) (local.get $t))))
          (local.set $y (v128.load (i32.add (i32.add (local.get $pb) (local.get $rowBytes)) (local.get $t))))
          (local.set $q (v128.load (i32.add (local.get $a0) (local.get $t))))
          (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $q) (local.get $x))))
          (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $q) (local.get $y))))
          (local.set $q (v128.load (i32.add (local.get $a1) (local.get $t))))
          (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $q) (local.get $x))))
          (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $q) (local.get $y))))
          (local.set $q (v128.load (i32.add (local.get $a2) (local.get $t))))
          (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $q) (local.get $x))))
          (local.set $s21 (f32x4.add (local.get $s21) (f32x4.mul (local.get $q) (local.get $y))))
          (local.set $q (v128.load (i32.add (local.get $a3) (local.get $t))))
          (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $q) (local.get $x))))
          (local.set $s31 (f32x4.add (local.get $s31) (f32x4.mul (local.get $q) (local.get $y))))
          (local.set $t (i32.add (local.get $t) (i32.const 16)))
          (br_if $dim (i32.lt_u (local.get $t) (local.get $rowBytes))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
        (f32.store (local.get $o) (call $hsum (local.get $s00)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $s01)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (f32.store (local.get $o) (call $hsum (local.get $s10)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $s11)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (f32.store (local.get $o) (call $hsum (local.get $s20)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $s21)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (f32.store (local.get $o) (call $hsum (local.get $s30)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $s31)))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $pairs)))
    ;; a last odd candidate
    (if (i32.lt_s (local.get $c) (local.get $cols))
      (then
        (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $c) (local.get $rowBytes))))
        (local.set $s00 (v128.const f32x4 0 0 0 0)) (local.set $s10 (v128.const f32x4 0 0 0 0))
        (local.set $s20 (v128.const f32x4 0 0 0 0)) (local.set $s30 (v128.const f32x4 0 0 0 0))
        (local.set $t (i32.const 0))
        (loop $dim1
          (local.set $x (v128.load (i32.add (local.get $pb) (local.get $t))))
          (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (v128.load (i32.add (local.get $a0) (local.get $t))) (local.get $x))))
          (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (v128.load (i32.add (local.get $a1) (local.get $t))) (local.get $x))))
          (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (v128.load (i32.add (local.get $a2) (local.get $t))) (local.get $x))))
          (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (v128.load (i32.add (local.get $a3) (local.get $t))) (local.get $x))))
          (local.set $t (i32.add (local.get $t) (i32.const 16)))
          (br_if $dim1 (i32.lt_u (local.get $t) (local.get $rowBytes))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
        (f32.store (local.get $o) (call $hsum (local.get $s00)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (f32.store (local.get $o) (call $hsum (local.get $s10)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (f32.store (local.get $o) (call $hsum (local.get $s20)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (f32.store (local.get $o) (call $hsum (local.get $s30)))))
  )
;; `dots4i16` does the same over rows quantised to int16 (`stride` int16 values, a multiple of 8):
;; i32x4.dot_i16x8_s multiplies and pairwise adds 8 values per instruction, twice the work of the
;; float path per instruction on half the bytes. Scores are exact integers (the caller keeps the
;; scale small enough that no sum overflows) written as i32 to out[r * cols + c].
  (func $hsumi (param $v v128) (result i32)
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
      (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))

  (func (export "dots4i16")
    (param $a i32) (param $b i32) (param $out i32) (param $cols i32) (param $stride i32)
    (local $rowBytes i32) (local $c i32) (local $t i32) (local $pb i32) (local $pb1 i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $x v128) (local $y v128) (local $q v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $o i32) (local $colBytes i32)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 1)))
    (local.set $colBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $a0 (local.get $a))
    (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $rowBytes)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $rowBytes)))
    (local.set $c (i32.const 0))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_s (i32.add (local.get $c) (i32.const 2)) (local.get $cols)))
        (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $c) (local.get $rowBytes))))
        (local.set $pb1 (i32.add (local.get $pb) (local.get $rowBytes)))
        (local.set $s00 (v128.const i32x4 0 0 0 0)) (local.set $s01 (v128.const i32x4 0 0 0 0))
        (local.set $s10 (v128.const i32x4 0 0 0 0)) (local.set $s11 (v128.const i32x4 0 0 0 0))
        (local.set $s20 (v128.const i32x4 0 0 0 0)) (local.set $s21 (v128.const i32x4 0 0 0 0))
        (local.set $s30 (v128.const i32x4 0 0 0 0)) (local.set $s31 (v128.const i32x4 0 0 0 0))
        (local.set $t (i32.const 0))
        (loop $dim
          (local.set $x (v128.load (i32.add (local.get $pb) (local.get $t))))
          (local.set $y (v128.load (i32.add (local.get $pb1) (local.get $t))))
          (local.set $q (v128.load (i32.add (local.get $a0) (local.get $t))))
          (local.set $s00 (i32x4.add (local.get $s00) (i32x4.dot_i16x8_s (local.get $q) (local.get $x))))
          (local.set $s01 (i32x4.add (local.get $s01) (i32x4.dot_i16x8_s (local.get $q) (local.get $y))))
          (local.set $q (v128.load (i32.add (local.get $a1) (local.get $t))))
          (local.set $s10 (i32x4.add (local.get $s10) (i32x4.dot_i16x8_s (local.get $q) (local.get $x))))
          (local.set $s11 (i32x4.add (local.get $s11) (i32x4.dot_i16x8_s (local.get $q) (local.get $y))))
          (local.set $q (v128.load (i32.add (local.get $a2) (local.get $t))))
          (local.set $s20 (i32x4.add (local.get $s20) (i32x4.dot_i16x8_s (local.get $q) (local.get $x))))
          (local.set $s21 (i32x4.add (local.get $s21) (i32x4.dot_i16x8_s (local.get $q) (local.get $y))))
          (local.set $q (v128.load (i32.add (local.get $a3) (local.get $t))))
          (local.set $s30 (i32x4.add (local.get $s30) (i32x4.dot_i16x8_s (local.get $q) (local.get $x))))
          (local.set $s31 (i32x4.add (local.get $s31) (i32x4.dot_i16x8_s (local.get $q) (local.get $y))))
          (local.set $t (i32.add (local.get $t) (i32.const 16)))
          (br_if $dim (i32.lt_u (local.get $t) (local.get $rowBytes))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
        (i32.store (local.get $o) (call $hsumi (local.get $s00)))
        (i32.store offset=4 (local.get $o) (call $hsumi (local.get $s01)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (i32.store (local.get $o) (call $hsumi (local.get $s10)))
        (i32.store offset=4 (local.get $o) (call $hsumi (local.get $s11)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (i32.store (local.get $o) (call $hsumi (local.get $s20)))
        (i32.store offset=4 (local.get $o) (call $hsumi (local.get $s21)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (i32.store (local.get $o) (call $hsumi (local.get $s30)))
        (i32.store offset=4 (local.get $o) (call $hsumi (local.get $s31)))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_s (local.get $c) (local.get $cols))
      (then
        (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $c) (local.get $rowBytes))))
        (local.set $s00 (v128.const i32x4 0 0 0 0)) (local.set $s10 (v128.const i32x4 0 0 0 0))
        (local.set $s20 (v128.const i32x4 0 0 0 0)) (local.set $s30 (v128.const i32x4 0 0 0 0))
        (local.set $t (i32.const 0))
        (loop $dim1
          (local.set $x (v128.load (i32.add (local.get $pb) (local.get $t))))
          (local.set $s00 (i32x4.add (local.get $s00) (i32x4.dot_i16x8_s (v128.load (i32.add (local.get $a0) (local.get $t))) (local.get $x))))
          (local.set $s10 (i32x4.add (local.get $s10) (i32x4.dot_i16x8_s (v128.load (i32.add (local.get $a1) (local.get $t))) (local.get $x))))
          (local.set $s20 (i32x4.add (local.get $s20) (i32x4.dot_i16x8_s (v128.load (i32.add (local.get $a2) (local.get $t))) (local.get $x))))
          (local.set $s30 (i32x4.add (local.get $s30) (i32x4.dot_i16x8_s (v128.load (i32.add (local.get $a3) (local.get $t))) (local.get $x))))
          (local.set $t (i32.add (local.get $t) (i32.const 16)))
          (br_if $dim1 (i32.lt_u (local.get $t) (local.get $rowBytes))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
        (i32.store (local.get $o) (call $hsumi (local.get $s00)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (i32.store (local.get $o) (call $hsumi (local.get $s10)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (i32.store (local.get $o) (call $hsumi (local.get $s20)))
        (local.set $o (i32.add (local.get $o) (local.get $colBytes)))
        (i32.store (local.get $o) (call $hsumi (local.get $s30)))))
  )
;; `filter4` picks, from a 4 × cols block of integer scores (row-major), the positions whose
;; score reaches its row's threshold (rowThr[q]) or its column's (colThr[c]): the kNN graph's
;; candidate test, 4 scores per comparison, so the rare hits are all the script sees. cols is a
;; multiple of 4. Writes positions q * cols + c to hits and returns their count.
  (func (export "filter4")
    (param $out i32) (param $cols i32) (param $rowThr i32) (param $colThr i32) (param $hits i32) (result i32)
    (local $q i32) (local $c i32) (local $pos i32) (local $n i32) (local $mask i32) (local $lane i32)
    (local $rt v128) (local $m v128)
    (local.set $q (i32.const 0))
    (loop $rows
      (local.set $rt (i32x4.splat (i32.load (i32.add (local.get $rowThr) (i32.shl (local.get $q) (i32.const 2))))))
      (local.set $c (i32.const 0))
      (block $colsDone
        (loop $colsLoop
          (br_if $colsDone (i32.ge_u (local.get $c) (local.get $cols)))
          (local.set $pos (i32.add (i32.mul (local.get $q) (local.get $cols)) (local.get $c)))
          (local.set $m
            (v128.or
              (i32x4.ge_s (v128.load (i32.add (local.get $out) (i32.shl (local.get $pos) (i32.const 2)))) (local.get $rt))
              (i32x4.ge_s
                (v128.load (i32.add (local.get $out) (i32.shl (local.get $pos) (i32.const 2))))
                (v128.load (i32.add (local.get $colThr) (i32.shl (local.get $c) (i32.const 2)))))))
          (if (v128.any_true (local.get $m))
            (then
              (local.set $mask (i32x4.bitmask (local.get $m)))
              (local.set $lane (i32.const 0))
              (loop $lanes
                (if (i32.and (local.get $mask) (i32.shl (i32.const 1) (local.get $lane)))
                  (then
                    (i32.store (i32.add (local.get $hits) (i32.shl (local.get $n) (i32.const 2)))
                      (i32.add (local.get $pos) (local.get $lane)))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))
                (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
                (br_if $lanes (i32.lt_u (local.get $lane) (i32.const 4))))))
          (local.set $c (i32.add (local.get $c) (i32.const 4)))
          (br $colsLoop)))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $q) (i32.const 4))))
    (local.get $n))
;; `tile4i16` is `dots4i16` followed by `filter4`, fused, over rows packed in groups of 4 (for each
;; group, the 16-byte chunk t of its 4 rows lies at t * 64 + row * 16, so every load has a constant
;; offset from one moving pointer), and stored column-major: scores of the 4
;; rows against column c go to out[c * 4 + r] (cols a multiple of 4). The 4 row sums of a column
;; are reduced together by two rounds of shuffles (a transpose, written inline: V8 does not inline
;; WebAssembly calls here) instead of one lane at a time, and
;; tested against the thresholds while still in a register; positions c * 4 + r of the scores that
;; reach their row's or column's threshold go to hits, and the count is returned.
  (func (export "tile4i16")
    (param $a i32) (param $b i32) (param $out i32) (param $cols i32) (param $stride i32)
    (param $rowThr i32) (param $colThr i32) (param $hits i32) (result i32)
    (local $groupBytes i32) (local $c i32) (local $pa i32) (local $pb i32) (local $end i32)
    (local $x v128) (local $y v128) (local $q v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $o i32) (local $rt v128) (local $v v128) (local $m v128) (local $mask i32) (local $n i32)
    (local $pos i32) (local $ab v128) (local $cd v128)
    (local.set $groupBytes (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $rt (v128.load (local.get $rowThr)))
    (local.set $c (i32.const 0))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $c) (local.get $cols)))
        ;; columns c, c + 1: lanes (c & 2) and (c & 2) + 1 of their group of 4
        (local.set $pb (i32.add (i32.add (local.get $b) (i32.mul (i32.shr_u (local.get $c) (i32.const 2)) (local.get $groupBytes)))
          (i32.shl (i32.and (local.get $c) (i32.const 2)) (i32.const 4))))
        (local.set $pa (local.get $a))
        (local.set $end (i32.add (local.get $a) (local.get $groupBytes)))
        (local.set $s00 (v128.const i32x4 0 0 0 0)) (local.set $s01 (v128.const i32x4 0 0 0 0))
        (local.set $s10 (v128.const i32x4 0 0 0 0)) (local.set $s11 (v128.const i32x4 0 0 0 0))
        (local.set $s20 (v128.const i32x4 0 0 0 0)) (local.set $s21 (v128.const i32x4 0 0 0 0))
        (local.set $s30 (v128.const i32x4 0 0 0 0)) (local.set $s31 (v128.const i32x4 0 0 0 0))
        (loop $dim
          (local.set $x (v128.load (local.get $pb)))
          (local.set $y (v128.load offset=16 (local.get $pb)))
          (local.set $q (v128.load (local.get $pa)))
          (local.set $s00 (i32x4.add (local.get $s00) (i32x4.dot_i16x8_s (local.get $q) (local.get $x))))
          (local.set $s01 (i32x4.add (local.get $s01) (i32x4.dot_i16x8_s (local.get $q) (local.get $y))))
          (local.set $q (v128.load offset=16 (local.get $pa)))
          (local.set $s10 (i32x4.add (local.get $s10) (i32x4.dot_i16x8_s (local.get $q) (local.get $x))))
          (local.set $s11 (i32x4.add (local.get $s11) (i32x4.dot_i16x8_s (local.get $q) (local.get $y))))
          (local.set $q (v128.load offset=32 (local.get $pa)))
          (local.set $s20 (i32x4.add (local.get $s20) (i32x4.dot_i16x8_s (local.get $q) (local.get $x))))
          (local.set $s21 (i32x4.add (local.get $s21) (i32x4.dot_i16x8_s (local.get $q) (local.get $y))))
          (local.set $q (v128.load offset=48 (local.get $pa)))
          (local.set $s30 (i32x4.add (local.get $s30) (i32x4.dot_i16x8_s (local.get $q) (local.get $x))))
          (local.set $s31 (i32x4.add (local.get $s31) (i32x4.dot_i16x8_s (local.get $q) (local.get $y))))
          (local.set $pa (i32.add (local.get $pa) (i32.const 64)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 64)))
          (br_if $dim (i32.lt_u (local.get $pa) (local.get $end))))
        ;; column c, then column c + 1
        (local.set $pos (i32.shl (local.get $c) (i32.const 2)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $pos) (i32.const 2))))
        (local.set $v (i32x4.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (local.tee $ab (i32x4.add
              (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s00) (local.get $s10))
              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s00) (local.get $s10))))
            (local.tee $cd (i32x4.add
              (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s20) (local.get $s30))
              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s20) (local.get $s30)))))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ab) (local.get $cd))))
        (v128.store (local.get $o) (local.get $v))
        (local.set $m (v128.or (i32x4.ge_s (local.get $v) (local.get $rt))
          (i32x4.ge_s (local.get $v) (v128.load32_splat (i32.add (local.get $colThr) (i32.shl (local.get $c) (i32.const 2)))))))
        (if (v128.any_true (local.get $m))
          (then
            (local.set $mask (i32x4.bitmask (local.get $m)))
            (loop $lanes
              (i32.store (i32.add (local.get $hits) (i32.shl (local.get $n) (i32.const 2)))
                (i32.add (local.get $pos) (i32.ctz (local.get $mask))))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
              (br_if $lanes (local.get $mask)))))
        (local.set $pos (i32.add (local.get $pos) (i32.const 4)))
        (local.set $v (i32x4.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (local.tee $ab (i32x4.add
              (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s01) (local.get $s11))
              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s01) (local.get $s11))))
            (local.tee $cd (i32x4.add
              (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $s21) (local.get $s31))
              (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $s21) (local.get $s31)))))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ab) (local.get $cd))))
        (v128.store offset=16 (local.get $o) (local.get $v))
        (local.set $m (v128.or (i32x4.ge_s (local.get $v) (local.get $rt))
          (i32x4.ge_s (local.get $v) (v128.load32_splat offset=4 (i32.add (local.get $colThr) (i32.shl (local.get $c) (i32.const 2)))))))
        (if (v128.any_true (local.get $m))
          (then
            (local.set $mask (i32x4.bitmask (local.get $m)))
            (loop $lanes1
              (i32.store (i32.add (local.get $hits) (i32.shl (local.get $n) (i32.const 2)))
                (i32.add (local.get $pos) (i32.ctz (local.get $mask))))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))
              (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
              (br_if $lanes1 (local.get $mask)))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $pairs)))
    (local.get $n))
)
