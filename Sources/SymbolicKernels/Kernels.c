/*
 * Instantiates the kernels for each instruction set and picks the widest one
 * that the CPU and the operating system support, once, on first use.
 *
 * Contraction into fused multiply-adds is off: AVX-512F and AArch64 have FMA
 * instructions, and contracting would change results from one machine to the
 * next.
 */
#pragma clang fp contract(off)

#include "SymbolicKernels.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Baseline: SSE2 on x86-64, NEON on AArch64 (both two doubles), plain C elsewhere. */
#define VW 2
#define SK_FN(name) name##_base
#define SK_TARGET
#include "VectorMath.inc"
#include "Executor.inc"
#undef VW
#undef SK_FN
#undef SK_TARGET
#undef V
#undef VI
#undef VU
#undef SK_INLINE
#undef SPLAT
#undef SELECT

#if defined(__x86_64__)
#define VW 4
#define SK_FN(name) name##_avx2
#define SK_TARGET __attribute__((target("avx2")))
#include "VectorMath.inc"
#include "Executor.inc"
#undef VW
#undef SK_FN
#undef SK_TARGET
#undef V
#undef VI
#undef VU
#undef SK_INLINE
#undef SPLAT
#undef SELECT

#define VW 8
#define SK_FN(name) name##_avx512
#define SK_TARGET __attribute__((target("avx512f")))
#include "VectorMath.inc"
#include "Executor.inc"
#undef VW
#undef SK_FN
#undef SK_TARGET
#undef V
#undef VI
#undef VU
#undef SK_INLINE
#undef SPLAT
#undef SELECT

#include <cpuid.h>

/* The OS saves the register state that `mask` names (XCR0 bits). */
static int os_saves(uint64_t mask) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) return 0;
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((((uint64_t)hi << 32) | lo) & mask) == mask;
}

static int detect_level(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    if ((b & bit_AVX512F) && os_saves(0xe6)) return 2;   /* XMM, YMM, opmask, ZMM state */
    if ((b & bit_AVX2) && os_saves(0x6)) return 1;       /* XMM, YMM state */
    return 0;
}
#else
static int detect_level(void) { return 0; }
#endif

typedef int32_t (*execute_fn)(const SKInstruction *, int32_t, int32_t, const int32_t *, double *, int64_t, int32_t,
                              const double *, const SKOutputs *);

static int supported_level = -1;   /* what the machine can run */
static int active_level = -1;      /* what runs (capped by sk_limit_simd_level) */

/* Racing first calls all compute the same values, so plain relaxed atomics suffice. */
static int level(void) {
    int current = __atomic_load_n(&active_level, __ATOMIC_RELAXED);
    if (current >= 0) return current;
    int supported = detect_level();
    const char *cap = getenv("SYMBOLIC_SIMD_LEVEL");
    if (cap && *cap >= '0' && *cap <= '2' && *cap - '0' < supported) supported = *cap - '0';
    __atomic_store_n(&supported_level, supported, __ATOMIC_RELAXED);
    __atomic_store_n(&active_level, supported, __ATOMIC_RELAXED);
    return supported;
}

int sk_simd_level(void) { return level(); }

int sk_limit_simd_level(int cap) {
    level();
    int supported = __atomic_load_n(&supported_level, __ATOMIC_RELAXED);
    int chosen = cap < 0 ? 0 : (cap < supported ? cap : supported);
    __atomic_store_n(&active_level, chosen, __ATOMIC_RELAXED);
    return chosen;
}

int32_t sk_execute_chunk(const SKInstruction *code, int32_t count, int32_t first, const int32_t *sumOperands,
                         double *rows, int64_t stride, int32_t points, const double *shared,
                         const SKOutputs *outputs) {
    switch (level()) {
#if defined(__x86_64__)
    case 2: return execute_chunk_avx512(code, count, first, sumOperands, rows, stride, points, shared, outputs);
    case 1: return execute_chunk_avx2(code, count, first, sumOperands, rows, stride, points, shared, outputs);
#endif
    default: return execute_chunk_base(code, count, first, sumOperands, rows, stride, points, shared, outputs);
    }
}

double sk_lane_sum(const double *values, int64_t count) { return lane_sum_base(values, count); }

double sk_tanh(double x) { return tanh_base(splat_base(x))[0]; }
double sk_exp(double x) { return exp_base(splat_base(x))[0]; }
double sk_log(double x) { return log_base(splat_base(x))[0]; }
double sk_sigmoid(double x) { return sigmoid_base(splat_base(x))[0]; }

void sk_tanh_array(const double *a, double *d, int64_t n) {
    int64_t i = 0;
    for (; i + 2 <= n; i += 2) store_base(d + i, tanh_base(load_base(a + i)));
    for (; i < n; i++) d[i] = sk_tanh(a[i]);
}
