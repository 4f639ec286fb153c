;; uint8 observation stacks [n, c, h, w] → float32 [n, h, w, c] scaled by 1/255, for c = 4 and c = 1
;; (wasm SIMD, four pixels per step). Source of the bytes embedded in simd-modules.ts; rebuild with
;;   wat2wasm electron/agent/kernels/simd/stacks.wat -o /tmp/stacks.wasm && base64 -w0 /tmp/stacks.wasm
;; Pointers are byte offsets into the imported memory; plane = h·w and must be a multiple of 4.
(module
  (import "env" "memory" (memory 1))
  (func (export "stacks4") (param $src i32) (param $dst i32) (param $images i32) (param $plane i32)
    (local $end i32) (local $p i32) (local $bytes v128) (local $half v128) (local $scale v128)
    (local.set $scale (f32x4.splat (f32.const 0.003921568859368563)))
    (block $done
      (loop $image
        (br_if $done (i32.eqz (local.get $images)))
        (local.set $end (i32.add (local.get $src) (local.get $plane)))
        (local.set $p (local.get $src))
        (block $planeDone
          (loop $pixels
            (br_if $planeDone (i32.ge_u (local.get $p) (local.get $end)))
            ;; bytes = [c0 p0..p3, c1 p0..p3, c2 p0..p3, c3 p0..p3]
            (local.set $bytes (v128.load32_zero (local.get $p)))
            (local.set $bytes (v128.load32_lane 1 (i32.add (local.get $p) (local.get $plane)) (local.get $bytes)))
            (local.set $bytes (v128.load32_lane 2
              (i32.add (local.get $p) (i32.shl (local.get $plane) (i32.const 1))) (local.get $bytes)))
            (local.set $bytes (v128.load32_lane 3
              (i32.add (local.get $p) (i32.mul (local.get $plane) (i32.const 3))) (local.get $bytes)))
            ;; → [p0 c0..c3, p1 c0..c3, p2 c0..c3, p3 c0..c3]
            (local.set $bytes (i8x16.shuffle 0 4 8 12 1 5 9 13 2 6 10 14 3 7 11 15
              (local.get $bytes) (local.get $bytes)))
            (local.set $half (i16x8.extend_low_i8x16_u (local.get $bytes)))
            (v128.store (local.get $dst)
              (f32x4.mul (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $half))) (local.get $scale)))
            (v128.store offset=16 (local.get $dst)
              (f32x4.mul (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $half))) (local.get $scale)))
            (local.set $half (i16x8.extend_high_i8x16_u (local.get $bytes)))
            (v128.store offset=32 (local.get $dst)
              (f32x4.mul (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $half))) (local.get $scale)))
            (v128.store offset=48 (local.get $dst)
              (f32x4.mul (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $half))) (local.get $scale)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
            (br $pixels)))
        (local.set $src (i32.add (local.get $src) (i32.shl (local.get $plane) (i32.const 2))))
        (local.set $images (i32.sub (local.get $images) (i32.const 1)))
        (br $image))))
  ;; c = 1: the layouts coincide; count = total bytes, a multiple of 4.
  (func (export "stacks1") (param $src i32) (param $dst i32) (param $count i32)
    (local $end i32) (local $half v128) (local $scale v128)
    (local.set $scale (f32x4.splat (f32.const 0.003921568859368563)))
    (local.set $end (i32.add (local.get $src) (local.get $count)))
    (block $done
      (loop $pixels
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $half (i16x8.extend_low_i8x16_u (v128.load32_zero (local.get $src))))
        (v128.store (local.get $dst)
          (f32x4.mul (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $half))) (local.get $scale)))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $pixels)))))
