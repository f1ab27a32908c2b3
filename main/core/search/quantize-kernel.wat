;; Normalisation and int8 quantisation of rows (see quantize.ts, whose plain versions this
;; matches bit for bit).
;; Per row: s = fround(max|v| / 127) (1 for a zero row); q = v·(1/s) rounded half away from zero
;; and clamped to ±127; meta = s, ‖v − s·q‖ and ‖s·q‖, each times `slack` plus `eps`.
;; The arithmetic is float64 as in JavaScript, two values per f64x2, four per step. The two sums
;; add their terms one by one in row order, exactly as the plain version does, so the stored
;; bounds are the same numbers, not merely as good.
(module
  (memory (export "memory") 1 65536)

  ;; Rows [0, rows) of float32 values at `src` (dims apart) into int8 rows at `q8` (stride apart,
  ;; zero past dims) and three float32 per row at `meta`.
  (func (export "quantize")
    (param $src i32) (param $rows i32) (param $dims i32) (param $stride i32) (param $q8 i32) (param $meta i32)
    (param $slack f64) (param $eps f64)
    (local $r i32) (local $p i32) (local $qp i32) (local $j i32) (local $dims4 i32)
    (local $mx v128) (local $max f32) (local $s f64) (local $inv f64)
    (local $s2 v128) (local $inv2 v128) (local $v4 v128) (local $h v128) (local $m v128) (local $q v128)
    (local $deq v128) (local $e v128) (local $qlo v128) (local $qhi v128)
    (local $err f64) (local $dq f64) (local $v f64) (local $ms f64) (local $qs f64) (local $ds f64) (local $es f64)
    (local.set $dims4 (i32.and (local.get $dims) (i32.const -4)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r) (local.get $dims)) (i32.const 2))))
        (local.set $qp (i32.add (local.get $q8) (i32.mul (local.get $r) (local.get $stride))))
        ;; max |v|
        (local.set $mx (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $mend
          (loop $mloop
            (br_if $mend (i32.ge_u (local.get $j) (local.get $dims4)))
            (local.set $mx
              (f32x4.max (local.get $mx)
                (f32x4.abs (v128.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $mloop)))
        (local.set $max
          (f32.max
            (f32.max (f32x4.extract_lane 0 (local.get $mx)) (f32x4.extract_lane 1 (local.get $mx)))
            (f32.max (f32x4.extract_lane 2 (local.get $mx)) (f32x4.extract_lane 3 (local.get $mx)))))
        (block $tend
          (loop $tloop
            (br_if $tend (i32.ge_u (local.get $j) (local.get $dims)))
            (local.set $max
              (f32.max (local.get $max) (f32.abs (f32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tloop)))
        (local.set $s
          (if (result f64) (f32.gt (local.get $max) (f32.const 0))
            (then (f64.promote_f32 (f32.demote_f64 (f64.div (f64.promote_f32 (local.get $max)) (f64.const 127)))))
            (else (f64.const 1))))
        ;; A max so small (below 127 times the least float32) that s rounds to 0: JavaScript's
        ;; v·(1/0) then makes every q 0 (|0 of ±Infinity and NaN), which a zero inverse gives too.
        (local.set $inv
          (if (result f64) (f64.gt (local.get $s) (f64.const 0))
            (then (f64.div (f64.const 1) (local.get $s)))
            (else (f64.const 0))))
        (local.set $s2 (f64x2.splat (local.get $s)))
        (local.set $inv2 (f64x2.splat (local.get $inv)))
        (local.set $err (f64.const 0))
        (local.set $dq (f64.const 0))
        ;; four values per step
        (local.set $j (i32.const 0))
        (block $qend
          (loop $qloop
            (br_if $qend (i32.ge_u (local.get $j) (local.get $dims4)))
            (local.set $v4 (v128.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2)))))
            ;; low pair
            (local.set $h (f64x2.promote_low_f32x4 (local.get $v4)))
            (local.set $m
              (f64x2.pmin
                (v128.const f64x2 127 127)
                (f64x2.floor (f64x2.add (f64x2.abs (f64x2.mul (local.get $h) (local.get $inv2))) (v128.const f64x2 0.5 0.5)))))
            (local.set $q (v128.bitselect (local.get $h) (local.get $m) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
            (local.set $deq (f64x2.mul (local.get $s2) (local.get $q)))
            (local.set $e (f64x2.sub (local.get $h) (local.get $deq)))
            (local.set $e (f64x2.mul (local.get $e) (local.get $e)))
            (local.set $deq (f64x2.mul (local.get $deq) (local.get $deq)))
            (local.set $err (f64.add (f64.add (local.get $err) (f64x2.extract_lane 0 (local.get $e))) (f64x2.extract_lane 1 (local.get $e))))
            (local.set $dq (f64.add (f64.add (local.get $dq) (f64x2.extract_lane 0 (local.get $deq))) (f64x2.extract_lane 1 (local.get $deq))))
            (local.set $qlo (f64x2.add (local.get $q) (v128.const f64x2 0x1.8p52 0x1.8p52)))
            ;; high pair
            (local.set $h
              (f64x2.promote_low_f32x4
                (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v4) (local.get $v4))))
            (local.set $m
              (f64x2.pmin
                (v128.const f64x2 127 127)
                (f64x2.floor (f64x2.add (f64x2.abs (f64x2.mul (local.get $h) (local.get $inv2))) (v128.const f64x2 0.5 0.5)))))
            (local.set $q (v128.bitselect (local.get $h) (local.get $m) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
            (local.set $deq (f64x2.mul (local.get $s2) (local.get $q)))
            (local.set $e (f64x2.sub (local.get $h) (local.get $deq)))
            (local.set $e (f64x2.mul (local.get $e) (local.get $e)))
            (local.set $deq (f64x2.mul (local.get $deq) (local.get $deq)))
            (local.set $err (f64.add (f64.add (local.get $err) (f64x2.extract_lane 0 (local.get $e))) (f64x2.extract_lane 1 (local.get $e))))
            (local.set $dq (f64.add (f64.add (local.get $dq) (f64x2.extract_lane 0 (local.get $deq))) (f64x2.extract_lane 1 (local.get $deq))))
            (local.set $qhi (f64x2.add (local.get $q) (v128.const f64x2 0x1.8p52 0x1.8p52)))
            ;; q + 1.5·2^52 holds q (|q| ≤ 127) as a two's complement integer in its low 32 bits.
            (local.set $q (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $qlo) (local.get $qhi)))
            (local.set $q (i16x8.narrow_i32x4_s (local.get $q) (local.get $q)))
            (local.set $q (i8x16.narrow_i16x8_s (local.get $q) (local.get $q)))
            (v128.store32_lane 0 (i32.add (local.get $qp) (local.get $j)) (local.get $q))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $qloop)))
        ;; the last dims % 4 values, one at a time
        (block $send
          (loop $sloop
            (br_if $send (i32.ge_u (local.get $j) (local.get $dims)))
            (local.set $v (f64.promote_f32 (f32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $ms
              (f64.min (f64.floor (f64.add (f64.abs (f64.mul (local.get $v) (local.get $inv))) (f64.const 0.5))) (f64.const 127)))
            (local.set $qs (f64.copysign (local.get $ms) (local.get $v)))
            (local.set $ds (f64.mul (local.get $s) (local.get $qs)))
            (local.set $es (f64.sub (local.get $v) (local.get $ds)))
            (local.set $err (f64.add (local.get $err) (f64.mul (local.get $es) (local.get $es))))
            (local.set $dq (f64.add (local.get $dq) (f64.mul (local.get $ds) (local.get $ds))))
            (i32.store8 (i32.add (local.get $qp) (local.get $j)) (i32.trunc_f64_s (local.get $qs)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $sloop)))
        ;; zero padding up to the stride
        (block $zend
          (loop $zloop
            (br_if $zend (i32.ge_u (local.get $j) (local.get $stride)))
            (i32.store8 (i32.add (local.get $qp) (local.get $j)) (i32.const 0))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $zloop)))
        (local.set $p (i32.add (local.get $meta) (i32.mul (local.get $r) (i32.const 12))))
        (f32.store (local.get $p) (f32.demote_f64 (local.get $s)))
        (f32.store offset=4 (local.get $p)
          (f32.demote_f64 (f64.add (f64.mul (f64.sqrt (local.get $err)) (local.get $slack)) (local.get $eps))))
        (f32.store offset=8 (local.get $p)
          (f32.demote_f64 (f64.add (f64.mul (f64.sqrt (local.get $dq)) (local.get $slack)) (local.get $eps))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))
  ;; Scales rows [0, rows) of float32 values at `src` (dims apart) to unit length in place, their
  ;; original L2 norms (float32) to `norms`; a zero row stays zero. The squares are summed in
  ;; float64 in row order, as BlockBuilder does in JavaScript.
  (func (export "normalize") (param $src i32) (param $rows i32) (param $dims i32) (param $norms i32)
    (local $r i32) (local $p i32) (local $j i32) (local $dims2 i32) (local $sq f64) (local $norm f64) (local $inv f64)
    (local $h v128) (local $inv2 v128) (local $v f64)
    (local.set $dims2 (i32.and (local.get $dims) (i32.const -2)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r) (local.get $dims)) (i32.const 2))))
        (local.set $sq (f64.const 0))
        (local.set $j (i32.const 0))
        (block $send
          (loop $sloop
            (br_if $send (i32.ge_u (local.get $j) (local.get $dims)))
            (local.set $v (f64.promote_f32 (f32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $sq (f64.add (local.get $sq) (f64.mul (local.get $v) (local.get $v))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $sloop)))
        (local.set $norm (f64.sqrt (local.get $sq)))
        (local.set $inv
          (if (result f64) (f64.gt (local.get $norm) (f64.const 0))
            (then (f64.div (f64.const 1) (local.get $norm)))
            (else (f64.const 0))))
        (local.set $inv2 (f64x2.splat (local.get $inv)))
        (local.set $j (i32.const 0))
        (block $nend
          (loop $nloop
            (br_if $nend (i32.ge_u (local.get $j) (local.get $dims2)))
            (local.set $h
              (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2)))))
                (local.get $inv2)))
            (v128.store64_lane 0 (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))) (f32x4.demote_f64x2_zero (local.get $h)))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $nloop)))
        (if (i32.lt_u (local.get $j) (local.get $dims))
          (then
            (f32.store (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2)))
              (f32.demote_f64
                (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))) (local.get $inv))))))
        (f32.store (i32.add (local.get $norms) (i32.shl (local.get $r) (i32.const 2))) (f32.demote_f64 (local.get $norm)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; The first of rows [0, rows) of float32 values at `src` (dims apart) that has no direction
  ;; (every value ±0) or a value that is not finite (all-ones exponent: infinity, NaN); -1 when
  ;; there is none. Imports run it before normalising, so a bad row is reported with its raw values.
  (func (export "check") (param $src i32) (param $rows i32) (param $dims i32) (result i32)
    (local $r i32) (local $p i32) (local $j i32) (local $dims4 i32) (local $x v128) (local $any v128) (local $inf v128)
    (local $xs i32) (local $anys i32) (local $infs i32)
    (local.set $dims4 (i32.and (local.get $dims) (i32.const -4)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r) (local.get $dims)) (i32.const 2))))
        (local.set $any (v128.const i32x4 0 0 0 0))
        (local.set $inf (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $vend
          (loop $vloop
            (br_if $vend (i32.ge_u (local.get $j) (local.get $dims4)))
            (local.set $x (v128.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $any (v128.or (local.get $any) (v128.and (local.get $x) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))))
            (local.set $inf
              (v128.or (local.get $inf)
                (i32x4.eq (v128.and (local.get $x) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000))
                  (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $vloop)))
        (local.set $anys (v128.any_true (local.get $any)))
        (local.set $infs (v128.any_true (local.get $inf)))
        (block $send
          (loop $sloop
            (br_if $send (i32.ge_u (local.get $j) (local.get $dims)))
            (local.set $xs (i32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $anys (i32.or (local.get $anys) (i32.and (local.get $xs) (i32.const 0x7fffffff))))
            (local.set $infs
              (i32.or (local.get $infs) (i32.eq (i32.and (local.get $xs) (i32.const 0x7f800000)) (i32.const 0x7f800000))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $sloop)))
        (if (i32.or (local.get $infs) (i32.eqz (local.get $anys))) (then (return (local.get $r))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (i32.const -1))
)
