;; The 4-bit pass of big models' search (coarse-codes.ts) with relaxed SIMD's byte dot product,
;; for hosts that have it (coarse-kernel.ts); kernel.wat's coarse is the same pass without it.
;; The codes are the same bytes; only the query differs: int8 (127 levels, not 4095) and laid
;; out byte for byte against the codes (coarse-codes.ts, coarseQuery8), so masking a code byte's
;; low or high nibbles gives sixteen codes in byte lanes that meet sixteen query bytes directly.
;; i16x8.relaxed_dot_i8x16_i7x16_s multiplies them and adds pairs: sixteen products per
;; instruction where kernel.wat's i32x4.dot_i16x8_s makes eight after a shift and a mask. Its
;; result is the same on every host here: the codes (second operand) are 0..15, inside the
;; 0..127 where signed and unsigned readings agree, and a pair's sum (at most 2·127·15) never
;; saturates. Two such pairs (low and high nibbles) fit int16 too; they are widened to int32 for
;; every 16 code bytes.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Rows [0, rows) (a multiple of 4), `row` bytes apart: appends (r, Σp·q) for every row whose
  ;; upper bound dot·s·t + res·xn + qn·fn reaches c0, as kernel.wat's coarse does (same
  ;; parameters; a half group is read as a whole one, its zero bytes meeting zero query bytes,
  ;; so `full` goes unused). Returns the number of pairs.
  (func (export "coarse")
    (param $m i32) (param $q i32) (param $s i32) (param $res i32) (param $qn i32)
    (param $rows i32) (param $row i32) (param $full i32) (param $bias i32) (param $t f32) (param $xn f32) (param $fn f32) (param $c0 f32)
    (param $out i32) (result i32)
    (local $r i32) (local $c i32) (local $n i32) (local $mask i32)
    (local $m1 i32) (local $m2 i32) (local $m3 i32) (local $qc i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $x v128) (local $low v128) (local $ql v128) (local $qh v128)
    (local $s01 v128) (local $s23 v128) (local $dots v128) (local $u v128)
    (local $t4 v128) (local $xn4 v128) (local $fn4 v128) (local $c04 v128) (local $bias4 v128)
    (local.set $low (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (local.set $t4 (f32x4.splat (local.get $t)))
    (local.set $xn4 (f32x4.splat (local.get $xn)))
    (local.set $fn4 (f32x4.splat (local.get $fn)))
    (local.set $c04 (f32x4.splat (local.get $c0)))
    (local.set $bias4 (i32x4.splat (local.get $bias)))
    (block $done
      (loop $rowloop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $m1 (i32.add (local.get $m) (local.get $row)))
        (local.set $m2 (i32.add (local.get $m1) (local.get $row)))
        (local.set $m3 (i32.add (local.get $m2) (local.get $row)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        ;; Four rows share each 32 query bytes (16 code bytes: 32 dimensions).
        (local.set $c (i32.const 0))
        (loop $col
          (local.set $qc (i32.add (local.get $q) (i32.shl (local.get $c) (i32.const 1))))
          (local.set $ql (v128.load (local.get $qc)))
          (local.set $qh (v128.load offset=16 (local.get $qc)))
          (local.set $x (v128.load (i32.add (local.get $m) (local.get $c))))
          (local.set $a0 (i32x4.add (local.get $a0) (i32x4.extadd_pairwise_i16x8_s (i16x8.add
            (i16x8.relaxed_dot_i8x16_i7x16_s (local.get $ql) (v128.and (local.get $x) (local.get $low)))
            (i16x8.relaxed_dot_i8x16_i7x16_s (local.get $qh) (v128.and (i16x8.shr_u (local.get $x) (i32.const 4)) (local.get $low)))))))
          (local.set $x (v128.load (i32.add (local.get $m1) (local.get $c))))
          (local.set $a1 (i32x4.add (local.get $a1) (i32x4.extadd_pairwise_i16x8_s (i16x8.add
            (i16x8.relaxed_dot_i8x16_i7x16_s (local.get $ql) (v128.and (local.get $x) (local.get $low)))
            (i16x8.relaxed_dot_i8x16_i7x16_s (local.get $qh) (v128.and (i16x8.shr_u (local.get $x) (i32.const 4)) (local.get $low)))))))
          (local.set $x (v128.load (i32.add (local.get $m2) (local.get $c))))
          (local.set $a2 (i32x4.add (local.get $a2) (i32x4.extadd_pairwise_i16x8_s (i16x8.add
            (i16x8.relaxed_dot_i8x16_i7x16_s (local.get $ql) (v128.and (local.get $x) (local.get $low)))
            (i16x8.relaxed_dot_i8x16_i7x16_s (local.get $qh) (v128.and (i16x8.shr_u (local.get $x) (i32.const 4)) (local.get $low)))))))
          (local.set $x (v128.load (i32.add (local.get $m3) (local.get $c))))
          (local.set $a3 (i32x4.add (local.get $a3) (i32x4.extadd_pairwise_i16x8_s (i16x8.add
            (i16x8.relaxed_dot_i8x16_i7x16_s (local.get $ql) (v128.and (local.get $x) (local.get $low)))
            (i16x8.relaxed_dot_i8x16_i7x16_s (local.get $qh) (v128.and (i16x8.shr_u (local.get $x) (i32.const 4)) (local.get $low)))))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (br_if $col (i32.lt_u (local.get $c) (local.get $row))))
        ;; Transpose-reduce: dots = [Σa0, Σa1, Σa2, Σa3] − bias.
        (local.set $s01 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1))))
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
              (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
        (local.set $m (i32.add (local.get $m3) (local.get $row)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $res (i32.add (local.get $res) (i32.const 16)))
        (local.set $qn (i32.add (local.get $qn) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rowloop)))
    (local.get $n))
)
