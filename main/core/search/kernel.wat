;; Quantised pre-scan for exact nearest-neighbour search (see quantized-index.ts for the bound).
;; Rows are int8, packed `row` bytes apart (the vector length, no padding: fewer bytes to
;; stream); each is read in 16-byte chunks up to `stride` (row rounded up to 16), and the
;; query, widened to int16 (2 × stride bytes), is zero past the vector's end, so the bytes a
;; last chunk reads from the next row count for nothing. Each chunk costs two extends and two
;; i32x4.dot_i16x8_s. Products of int8 values fit in int16 and pairs are summed
;; in int32, so nothing can overflow. Four rows are scored together so their sums transpose
;; into one i32x4 and the bound test runs as f32x4.
(module
  ;; Shared so a helper thread can scan chunks of the rows at the same time.
  (import "env" "memory" (memory 1 65536 shared))

  ;; Scores rows [0, rows) (rows a multiple of 4). For each row r with upper bound
  ;;   dot_r·s_r·t + res_r·xn + qn_r·fn ≥ c0
  ;; appends the pair (r, dot_r) as two i32 to `out`. Returns the number of pairs.
  ;; s, res and qn are f32 arrays (one value per row).
  (func (export "scan")
    (param $m i32) (param $q i32) (param $s i32) (param $res i32) (param $qn i32)
    (param $rows i32) (param $row i32) (param $stride i32) (param $t f32) (param $xn f32) (param $fn f32) (param $c0 f32)
    (param $out i32) (result i32)
    (local $r i32) (local $c i32) (local $n i32) (local $mask i32)
    (local $m1 i32) (local $m2 i32) (local $m3 i32) (local $qc i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $ql v128) (local $qh v128) (local $x v128) (local $s01 v128) (local $s23 v128)
    (local $dots v128) (local $u v128)
    (local $t4 v128) (local $xn4 v128) (local $fn4 v128) (local $c04 v128)
    (local.set $t4 (f32x4.splat (local.get $t)))
    (local.set $xn4 (f32x4.splat (local.get $xn)))
    (local.set $fn4 (f32x4.splat (local.get $fn)))
    (local.set $c04 (f32x4.splat (local.get $c0)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $m1 (i32.add (local.get $m) (local.get $row)))
        (local.set $m2 (i32.add (local.get $m1) (local.get $row)))
        (local.set $m3 (i32.add (local.get $m2) (local.get $row)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $c (i32.const 0))
        (loop $col
          (local.set $qc (i32.add (local.get $q) (i32.shl (local.get $c) (i32.const 1))))
          (local.set $ql (v128.load (local.get $qc)))
          (local.set $qh (v128.load offset=16 (local.get $qc)))
          (local.set $x (v128.load (i32.add (local.get $m) (local.get $c))))
          (local.set $a0 (i32x4.add (local.get $a0) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (local.get $ql))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (local.get $qh)))))
          (local.set $x (v128.load (i32.add (local.get $m1) (local.get $c))))
          (local.set $a1 (i32x4.add (local.get $a1) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (local.get $ql))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (local.get $qh)))))
          (local.set $x (v128.load (i32.add (local.get $m2) (local.get $c))))
          (local.set $a2 (i32x4.add (local.get $a2) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (local.get $ql))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (local.get $qh)))))
          (local.set $x (v128.load (i32.add (local.get $m3) (local.get $c))))
          (local.set $a3 (i32x4.add (local.get $a3) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (local.get $ql))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (local.get $qh)))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (br_if $col (i32.lt_u (local.get $c) (local.get $stride))))
        ;; Transpose-reduce: dots = [Σa0, Σa1, Σa2, Σa3].
        (local.set $s01 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
        (local.set $s23 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a2) (local.get $a3))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3))))
        (local.set $dots (i32x4.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s01) (local.get $s23))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s01) (local.get $s23))))
        (local.set $u (f32x4.add
          (f32x4.mul (f32x4.mul (f32x4.convert_i32x4_s (local.get $dots)) (v128.load (local.get $s))) (local.get $t4))
          (f32x4.add
            (f32x4.mul (v128.load (local.get $res)) (local.get $xn4))
            (f32x4.mul (v128.load (local.get $qn)) (local.get $fn4)))))
        (local.set $mask (i32x4.bitmask (f32x4.ge (local.get $u) (local.get $c04))))
        (if (local.get $mask)
          (then
            (if (i32.and (local.get $mask) (i32.const 1)) (then
              (i32.store (local.get $out) (local.get $r))
              (i32.store offset=4 (local.get $out) (i32x4.extract_lane 0 (local.get $dots)))
              (local.set $out (i32.add (local.get $out) (i32.const 8)))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (if (i32.and (local.get $mask) (i32.const 2)) (then
              (i32.store (local.get $out) (i32.add (local.get $r) (i32.const 1)))
              (i32.store offset=4 (local.get $out) (i32x4.extract_lane 1 (local.get $dots)))
              (local.set $out (i32.add (local.get $out) (i32.const 8)))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (if (i32.and (local.get $mask) (i32.const 4)) (then
              (i32.store (local.get $out) (i32.add (local.get $r) (i32.const 2)))
              (i32.store offset=4 (local.get $out) (i32x4.extract_lane 2 (local.get $dots)))
              (local.set $out (i32.add (local.get $out) (i32.const 8)))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (if (i32.and (local.get $mask) (i32.const 8)) (then
              (i32.store (local.get $out) (i32.add (local.get $r) (i32.const 3)))
              (i32.store offset=4 (local.get $out) (i32x4.extract_lane 3 (local.get $dots)))
              (local.set $out (i32.add (local.get $out) (i32.const 8)))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
        (local.set $m (i32.add (local.get $m3) (local.get $row)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $res (i32.add (local.get $res) (i32.const 16)))
        (local.set $qn (i32.add (local.get $qn) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $row)))
    (local.get $n))
)
