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

  ;; Coarse pre-scan over 4-bit rows (coarse-codes.ts), the one pass of big models' search where
  ;; the host lacks relaxed SIMD (elsewhere coarse-kernel.wat's, about 1.5 times as fast, runs).
  ;; A 4-bit row is `row4` bytes (a multiple of 16); each 16 bytes hold 32 dimensions as eight
  ;; int16 lanes of four nibbles, nibble k of lane i being dimension 8k + i of the group, so
  ;; shifting by 4k and masking gives eight codes in int16 lanes that meet eight consecutive
  ;; values of the int16 query without any shuffling. (Masking each nibble in place against a
  ;; query weighted by 16^-k saves the shifts but needs three mask registers, and V8 then
  ;; spills: slower.) Codes are q + 8 (q in [-8, 7]), so Σ p·q = Σ p·code − bias with
  ;; bias = 8·Σ p, the same for every row.
  ;; Rows [0, rows) (a multiple of 4) of 4-bit codes: appends (r, Σp·q) for every row whose
  ;; upper bound dot·s·t + res·xn + qn·fn reaches c0. Returns the number of pairs.
  (func $coarse (export "coarse")
    (param $m i32) (param $q i32) (param $s i32) (param $res i32) (param $qn i32)
    (param $rows i32) (param $row i32) (param $full i32) (param $bias i32) (param $t f32) (param $xn f32) (param $fn f32) (param $c0 f32)
    (param $out i32) (result i32)
    (local $r i32) (local $c i32) (local $n i32) (local $mask i32)
    (local $m0 i32) (local $m1 i32) (local $m2 i32) (local $m3 i32) (local $qc i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $x v128) (local $low v128)
    (local $s01 v128) (local $s23 v128) (local $dots v128) (local $u v128)
    (local $t4 v128) (local $xn4 v128) (local $fn4 v128) (local $c04 v128) (local $bias4 v128)
    (local.set $low (v128.const i16x8 15 15 15 15 15 15 15 15))
    (local.set $t4 (f32x4.splat (local.get $t)))
    (local.set $xn4 (f32x4.splat (local.get $xn)))
    (local.set $fn4 (f32x4.splat (local.get $fn)))
    (local.set $c04 (f32x4.splat (local.get $c0)))
    (local.set $bias4 (i32x4.splat (local.get $bias)))
    (local.set $m0 (local.get $m))
    (block $done
      (loop $rowloop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $m1 (i32.add (local.get $m0) (local.get $row)))
        (local.set $m2 (i32.add (local.get $m1) (local.get $row)))
        (local.set $m3 (i32.add (local.get $m2) (local.get $row)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        ;; Two rows per column loop: with four, V8 runs out of vector registers and spills.
        ;; 16 code bytes are 32 dimensions: their query values lie 64 bytes on.
        (local.set $c (i32.const 0))
        (if (local.get $full) (then (loop $col0
          (local.set $qc (i32.add (local.get $q) (i32.shl (local.get $c) (i32.const 2))))
          (local.set $x (v128.load (i32.add (local.get $m0) (local.get $c))))
          (local.set $a0 (i32x4.add (local.get $a0) (i32x4.add
            (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (local.get $x) (local.get $low)) (v128.load (local.get $qc)))
              (i32x4.dot_i16x8_s (v128.and (i16x8.shr_u (local.get $x) (i32.const 4)) (local.get $low)) (v128.load offset=16 (local.get $qc))))
            (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (i16x8.shr_u (local.get $x) (i32.const 8)) (local.get $low)) (v128.load offset=32 (local.get $qc)))
              (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $x) (i32.const 12)) (v128.load offset=48 (local.get $qc)))))))
          (local.set $x (v128.load (i32.add (local.get $m1) (local.get $c))))
          (local.set $a1 (i32x4.add (local.get $a1) (i32x4.add
            (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (local.get $x) (local.get $low)) (v128.load (local.get $qc)))
              (i32x4.dot_i16x8_s (v128.and (i16x8.shr_u (local.get $x) (i32.const 4)) (local.get $low)) (v128.load offset=16 (local.get $qc))))
            (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (i16x8.shr_u (local.get $x) (i32.const 8)) (local.get $low)) (v128.load offset=32 (local.get $qc)))
              (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $x) (i32.const 12)) (v128.load offset=48 (local.get $qc)))))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (br_if $col0 (i32.lt_u (local.get $c) (local.get $full))))))
        ;; The last 16 dimensions, when a group holds no more: 8 bytes of two nibbles, half the work.
        (if (i32.lt_u (local.get $c) (local.get $row))
          (then
            (local.set $qc (i32.add (local.get $q) (i32.shl (local.get $c) (i32.const 2))))
            (local.set $x (v128.load8x8_u (i32.add (local.get $m0) (local.get $c))))
            (local.set $a0 (i32x4.add (local.get $a0) (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (local.get $x) (local.get $low)) (v128.load (local.get $qc)))
              (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $x) (i32.const 4)) (v128.load offset=16 (local.get $qc))))))
            (local.set $x (v128.load8x8_u (i32.add (local.get $m1) (local.get $c))))
            (local.set $a1 (i32x4.add (local.get $a1) (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (local.get $x) (local.get $low)) (v128.load (local.get $qc)))
              (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $x) (i32.const 4)) (v128.load offset=16 (local.get $qc))))))
))
        ;; Rows 0 and 1 folded now, so only one register carries them through the next loop.
        (local.set $s01 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
        (local.set $c (i32.const 0))
        (if (local.get $full) (then (loop $col2
          (local.set $qc (i32.add (local.get $q) (i32.shl (local.get $c) (i32.const 2))))
          (local.set $x (v128.load (i32.add (local.get $m2) (local.get $c))))
          (local.set $a2 (i32x4.add (local.get $a2) (i32x4.add
            (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (local.get $x) (local.get $low)) (v128.load (local.get $qc)))
              (i32x4.dot_i16x8_s (v128.and (i16x8.shr_u (local.get $x) (i32.const 4)) (local.get $low)) (v128.load offset=16 (local.get $qc))))
            (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (i16x8.shr_u (local.get $x) (i32.const 8)) (local.get $low)) (v128.load offset=32 (local.get $qc)))
              (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $x) (i32.const 12)) (v128.load offset=48 (local.get $qc)))))))
          (local.set $x (v128.load (i32.add (local.get $m3) (local.get $c))))
          (local.set $a3 (i32x4.add (local.get $a3) (i32x4.add
            (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (local.get $x) (local.get $low)) (v128.load (local.get $qc)))
              (i32x4.dot_i16x8_s (v128.and (i16x8.shr_u (local.get $x) (i32.const 4)) (local.get $low)) (v128.load offset=16 (local.get $qc))))
            (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (i16x8.shr_u (local.get $x) (i32.const 8)) (local.get $low)) (v128.load offset=32 (local.get $qc)))
              (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $x) (i32.const 12)) (v128.load offset=48 (local.get $qc)))))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (br_if $col2 (i32.lt_u (local.get $c) (local.get $full))))))
        ;; The last 16 dimensions, when a group holds no more: 8 bytes of two nibbles, half the work.
        (if (i32.lt_u (local.get $c) (local.get $row))
          (then
            (local.set $qc (i32.add (local.get $q) (i32.shl (local.get $c) (i32.const 2))))
            (local.set $x (v128.load8x8_u (i32.add (local.get $m2) (local.get $c))))
            (local.set $a2 (i32x4.add (local.get $a2) (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (local.get $x) (local.get $low)) (v128.load (local.get $qc)))
              (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $x) (i32.const 4)) (v128.load offset=16 (local.get $qc))))))
            (local.set $x (v128.load8x8_u (i32.add (local.get $m3) (local.get $c))))
            (local.set $a3 (i32x4.add (local.get $a3) (i32x4.add
              (i32x4.dot_i16x8_s (v128.and (local.get $x) (local.get $low)) (v128.load (local.get $qc)))
              (i32x4.dot_i16x8_s (i16x8.shr_u (local.get $x) (i32.const 4)) (v128.load offset=16 (local.get $qc))))))
))
        (local.set $s23 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a2) (local.get $a3))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3))))
        (local.set $dots (i32x4.sub (i32x4.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s01) (local.get $s23))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s01) (local.get $s23)))
          (local.get $bias4)))
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
              (local.set $n (i32.add (local.get $n) (i32.const 1)))))
))
        (local.set $m0 (i32.add (local.get $m3) (local.get $row)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $res (i32.add (local.get $res) (i32.const 16)))
        (local.set $qn (i32.add (local.get $qn) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rowloop)))
    (local.get $n))

  ;; 4-bit codes of `rows` int8 rows (packed `dims` apart from `m8`) into `codes` (row4 apart),
  ;; laid out as coarse-codes.ts describes: q4 ≈ q·7/M (M = the row's max |q|), code
  ;; q4 + 8. Per row it writes three integers, which coarse-codes.ts turns into the bound terms:
  ;; M | Σq4² << 8 at `a`, Σq·q4 at `b`, Σq² at `c` (4 bytes per row each).
  (func (export "pack4")
    (param $m8 i32) (param $rows i32) (param $dims i32) (param $codes i32) (param $row4 i32)
    (param $a i32) (param $b i32) (param $c i32)
    (local $r i32) (local $j i32) (local $base i32) (local $max i32) (local $inv v128) (local $full i32)
    (local $mx v128) (local $x v128) (local $y v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $qq v128) (local $q44 v128) (local $q88 v128) (local $eight v128) (local $p7 v128) (local $m7 v128)
    (local.set $eight (v128.const i16x8 8 8 8 8 8 8 8 8))
    ;; Bytes of whole groups: a last group of at most 16 dimensions is a half group.
    (local.set $full (local.get $row4))
    (if (i32.and (i32.ne (i32.and (local.get $dims) (i32.const 31)) (i32.const 0))
                 (i32.le_u (i32.and (local.get $dims) (i32.const 31)) (i32.const 16)))
      (then (local.set $full (i32.sub (local.get $row4) (i32.const 16)))))
    (local.set $p7 (v128.const i16x8 7 7 7 7 7 7 7 7))
    (local.set $m7 (v128.const i16x8 -7 -7 -7 -7 -7 -7 -7 -7))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $base (i32.add (local.get $m8) (i32.mul (local.get $r) (local.get $dims))))
        ;; M = max |q| over the row's own bytes.
        (local.set $mx (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (loop $m
          (local.set $mx (i8x16.max_u (local.get $mx)
            (i8x16.abs (call $inrow (local.get $base) (local.get $j) (local.get $dims)))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $m (i32.lt_u (local.get $j) (local.get $dims))))
        (local.set $mx (i8x16.max_u (local.get $mx)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 0 0 0 0 0 0 0 (local.get $mx) (local.get $mx))))
        (local.set $mx (i8x16.max_u (local.get $mx)
          (i8x16.shuffle 4 5 6 7 0 0 0 0 0 0 0 0 0 0 0 0 (local.get $mx) (local.get $mx))))
        (local.set $mx (i8x16.max_u (local.get $mx)
          (i8x16.shuffle 2 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 (local.get $mx) (local.get $mx))))
        (local.set $mx (i8x16.max_u (local.get $mx)
          (i8x16.shuffle 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 (local.get $mx) (local.get $mx))))
        (local.set $max (i8x16.extract_lane_u 0 (local.get $mx)))
        ;; q4 = round(q·f/32768) with f = 7·32768/M rounded (pmulhrsw): near enough to q·7/M
        ;; for |q4| ≤ 7, and any q4 is sound, the residual being measured from it. M < 8 (no row
        ;; quantize.ts makes, whose M is 127) keeps q4 = q, which the same multiply gives.
        ;; Clamped to [-7, 7] (a no-op but for rounding at |q| = M).
        (local.set $inv (i16x8.splat
          (if (result i32) (i32.ge_u (local.get $max) (i32.const 8))
            (then (i32.div_u (i32.add (i32.const 229376) (i32.shr_u (local.get $max) (i32.const 1))) (local.get $max)))
            (else (i32.const 32767)))))
        (local.set $qq (v128.const i32x4 0 0 0 0))
        (local.set $q44 (v128.const i32x4 0 0 0 0))
        (local.set $q88 (v128.const i32x4 0 0 0 0))
        ;; 32 dimensions (16 code bytes) at a time: j counts code bytes, 2j dimensions.
        (local.set $j (i32.const 0))
        (loop $g
          (if (i32.le_u (i32.add (i32.shl (local.get $j) (i32.const 1)) (i32.const 32)) (local.get $dims))
            (then
              (local.set $x (v128.load (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 1)))))
              (local.set $y (v128.load offset=16 (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 1))))))
            (else ;; the row's last group: zero past its end
              (local.set $x (call $inrow (local.get $base) (i32.shl (local.get $j) (i32.const 1)) (local.get $dims)))
              (local.set $y (call $inrow (local.get $base) (i32.add (i32.shl (local.get $j) (i32.const 1)) (i32.const 16)) (local.get $dims)))))
          (local.set $v0 (i16x8.extend_low_i8x16_s (local.get $x)))
          (local.set $v1 (i16x8.extend_high_i8x16_s (local.get $x)))
          (local.set $v2 (i16x8.extend_low_i8x16_s (local.get $y)))
          (local.set $v3 (i16x8.extend_high_i8x16_s (local.get $y)))
          (local.set $w0 (i16x8.max_s (local.get $m7) (i16x8.min_s (local.get $p7) (i16x8.q15mulr_sat_s (local.get $v0) (local.get $inv)))))
          (local.set $w1 (i16x8.max_s (local.get $m7) (i16x8.min_s (local.get $p7) (i16x8.q15mulr_sat_s (local.get $v1) (local.get $inv)))))
          (local.set $w2 (i16x8.max_s (local.get $m7) (i16x8.min_s (local.get $p7) (i16x8.q15mulr_sat_s (local.get $v2) (local.get $inv)))))
          (local.set $w3 (i16x8.max_s (local.get $m7) (i16x8.min_s (local.get $p7) (i16x8.q15mulr_sat_s (local.get $v3) (local.get $inv)))))
          (local.set $qq (i32x4.add (local.get $qq) (i32x4.add
            (i32x4.add (i32x4.dot_i16x8_s (local.get $v0) (local.get $w0)) (i32x4.dot_i16x8_s (local.get $v1) (local.get $w1)))
            (i32x4.add (i32x4.dot_i16x8_s (local.get $v2) (local.get $w2)) (i32x4.dot_i16x8_s (local.get $v3) (local.get $w3))))))
          (local.set $q44 (i32x4.add (local.get $q44) (i32x4.add
            (i32x4.add (i32x4.dot_i16x8_s (local.get $w0) (local.get $w0)) (i32x4.dot_i16x8_s (local.get $w1) (local.get $w1)))
            (i32x4.add (i32x4.dot_i16x8_s (local.get $w2) (local.get $w2)) (i32x4.dot_i16x8_s (local.get $w3) (local.get $w3))))))
          (local.set $q88 (i32x4.add (local.get $q88) (i32x4.add
            (i32x4.add (i32x4.dot_i16x8_s (local.get $v0) (local.get $v0)) (i32x4.dot_i16x8_s (local.get $v1) (local.get $v1)))
            (i32x4.add (i32x4.dot_i16x8_s (local.get $v2) (local.get $v2)) (i32x4.dot_i16x8_s (local.get $v3) (local.get $v3))))))
          (v128.store
            (i32.add (i32.add (local.get $codes) (i32.mul (local.get $r) (local.get $row4))) (local.get $j))
            (if (result v128) (i32.le_u (i32.add (local.get $j) (i32.const 16)) (local.get $full))
              (then
                (v128.or
                  (v128.or
                    (i16x8.add (local.get $w0) (local.get $eight))
                    (i16x8.shl (i16x8.add (local.get $w1) (local.get $eight)) (i32.const 4)))
                  (v128.or
                    (i16x8.shl (i16x8.add (local.get $w2) (local.get $eight)) (i32.const 8))
                    (i16x8.shl (i16x8.add (local.get $w3) (local.get $eight)) (i32.const 12)))))
              (else ;; a half group: byte i = codes of dimensions i and 8 + i
                (i8x16.narrow_i16x8_u
                  (v128.or
                    (i16x8.add (local.get $w0) (local.get $eight))
                    (i16x8.shl (i16x8.add (local.get $w1) (local.get $eight)) (i32.const 4)))
                  (v128.const i32x4 0 0 0 0)))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $g (i32.lt_u (local.get $j) (local.get $row4))))
        (i32.store (i32.add (local.get $a) (i32.shl (local.get $r) (i32.const 2)))
          (i32.or (local.get $max) (i32.shl (call $sum (local.get $q44)) (i32.const 8))))
        (i32.store (i32.add (local.get $b) (i32.shl (local.get $r) (i32.const 2))) (call $sum (local.get $qq)))
        (i32.store (i32.add (local.get $c) (i32.shl (local.get $r) (i32.const 2))) (call $sum (local.get $q88)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
  )

  ;; The 16 int8 values at base + j, zero from the row's end (dims) on.
  (func $inrow (param $base i32) (param $j i32) (param $dims i32) (result v128)
    (local $left i32)
    (local.set $left (i32.sub (local.get $dims) (local.get $j)))
    (if (result v128) (i32.ge_s (local.get $left) (i32.const 16))
      (then (v128.load (i32.add (local.get $base) (local.get $j))))
      (else
        (if (result v128) (i32.le_s (local.get $left) (i32.const 0))
          (then (v128.const i32x4 0 0 0 0))
          (else
            (v128.and (v128.load (i32.add (local.get $base) (local.get $j)))
              (i8x16.gt_u (i8x16.splat (local.get $left))
                (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))))))))

  (func $sum (param $v v128) (result i32)
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
      (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))
)
