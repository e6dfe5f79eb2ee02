/*
 * SymbolicKernels: the SIMD inner loops of Symbolic's compiled programs.
 *
 * Why C: Swift cannot compile one function for several instruction sets and
 * pick one at run time. These kernels are built three times on x86-64
 * (SSE2, AVX2, AVX-512F) and once elsewhere (the baseline vector width),
 * and the widest one the CPU and the OS support is chosen on first use.
 *
 * Every kernel gives the same bits at every width: lanes are independent,
 * the functions use only IEEE-exact operations (+, -, *, /, sqrt) in a fixed
 * order, and floating-point contraction (FMA) is off. So results never depend
 * on the machine a program runs on.
 */
#ifndef SYMBOLIC_KERNELS_H
#define SYMBOLIC_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Operations of the chunk executor. 0 means "not handled here": the caller
 * runs that instruction itself and resumes after it. */
enum {
    SKOpFallback = 0,
    SKOpAdd, SKOpSubtract, SKOpMultiply, SKOpDivide /* a * (1 / b) */, SKOpMax, SKOpMin, SKOpAtan2,
    SKOpNegate, SKOpReciprocal, SKOpSquare, SKOpSquareRoot, SKOpAbs, SKOpSign, SKOpStep, SKOpRelu,
    SKOpTanh, SKOpExp, SKOpLog, SKOpSigmoid, SKOpSoftplus,
    SKOpSin, SKOpCos, SKOpTan, SKOpAsin, SKOpAcos, SKOpAtan, SKOpSinh, SKOpCosh, SKOpLog1p, SKOpExpm1,
    /* d = Σ terms (sumOperands[a ..< a+b]); bit 31 of a term: subtract, bit 30: shared scalar. */
    SKOpSum,
    /* Deliver row a as output b (summed into a partial, or copied). */
    SKOpOutput,
    /* d = Σ ±x·y over the pairs sumOperands[a ..< a+2b]: x is a row or a shared slot
     * (bit 30), with bit 31 for subtraction; y likewise, or -1 for no factor. Each
     * product rounds, then adds in order: the bits of separate instructions. */
    SKOpDotSum,
    /* Deliver a·b (rows or shared slots per mode) as output dest, like SKOpOutput. */
    SKOpOutputProduct,
    /* delta(a, b): 1 if a == b, NaN if either is NaN, else 0. */
    SKOpDelta,
    /* leaky_relu(a, slope b): a for a > 0, b·a for a <= 0, NaN for NaN. */
    SKOpLeakyRelu,
    /* a if finite, else 0 (the shift of a lowered logsumexp). */
    SKOpFiniteOrZero,
    /* d = select(index, choices...) over sumOperands[a ..< a+b] (rows, or shared with bit 30):
     * the choice the index picks, NaN unless the index is an integer in 0 ..< b-1. */
    SKOpSelect,
    /* hypot(a, b) and one-argument functions through the C library. */
    SKOpHypot, SKOpAsinh, SKOpAcosh, SKOpAtanh, SKOpLog10, SKOpLog2, SKOpCbrt, SKOpFloor, SKOpCeil, SKOpErf, SKOpErfc,
    SKOpCount
};

/* One instruction: dest = op(a, b). mode bit 0: a is a shared slot; bit 1: b is. */
typedef struct {
    uint8_t op;
    uint8_t mode;
    uint16_t reserved;
    int32_t dest;
    int32_t a;
    int32_t b;
} SKInstruction;

/* Where outputs go. In sum mode (partials != NULL), output k of the chunk is
 * stored as partials[k] = the lane sum of its row (points i go to lane i % 8,
 * each lane adds in order, lanes combine as ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7))).
 * Otherwise matrix[k * pointCount + start + i] = row[i]. */
typedef struct {
    double *partials;
    double *matrix;
    int64_t pointCount;
    int64_t start;
} SKOutputs;

/* Runs code[first ..< count] on one chunk of `points` points (rows of `stride`
 * doubles; stride is a multiple of 8 and the first roundUp(points, 8) values
 * of every input row are initialised). Returns the index of the first
 * instruction it does not handle (SKOpFallback), or `count` at the end. */
int32_t sk_execute_chunk(const SKInstruction *code, int32_t count, int32_t first, const int32_t *sumOperands,
                         double *rows, int64_t stride, int32_t points, const double *shared,
                         const SKOutputs *outputs);

/* The lane sum described at SKOutputs. */
double sk_lane_sum(const double *values, int64_t count);

/* The functions one value at a time, bit for bit equal to each lane of the
 * vector code (tanh within 2 ulp, exp and log within 1 ulp of the correctly
 * rounded result; sigmoid = 1/(1+e^-x) for x >= 0 and e^x/(1+e^x) below). */
double sk_tanh(double x);
double sk_exp(double x);
double sk_log(double x);
double sk_sigmoid(double x);

/* d[i] = f(a[i]) for i < n, vectorised (d may equal a). */
void sk_tanh_array(const double *a, double *d, int64_t n);

/* The SIMD level in use: 0 baseline (SSE2 on x86-64, NEON or scalar
 * elsewhere), 1 AVX2, 2 AVX-512F. */
int sk_simd_level(void);

/* Caps the level (for tests and benchmarks; results are the same at every
 * level). Returns the level now in use. */
int sk_limit_simd_level(int level);

/* A hint to bring the cache line holding `p` into the cache. Any address is
 * allowed (a prefetch never faults), so callers may pass a guess. The
 * compiler's walk over expression nodes, which are scattered over the heap,
 * uses it to have several cache misses in flight instead of one. */
static inline void sk_prefetch(const void *p) { __builtin_prefetch(p); }

#ifdef __cplusplus
}
#endif

#endif
