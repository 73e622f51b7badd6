// AVX-512 helpers shared by the kernels (a private header: not part of the module's interface).
#ifndef UNLEARN_VECTOR512_H
#define UNLEARN_VECTOR512_H
#if defined(__x86_64__)
#include <immintrin.h>

/// Whether the CPU (and OS) run AVX-512F/DQ with FMA; checked once.
static inline int unlearnHasAVX512(void) {
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("fma");
    }
    return cached;
}

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,fma,avx2,avx"))), apply_to = function)

static inline __mmask16 tailMask(long remaining) {
    if (remaining >= 16) return (__mmask16)0xFFFF;
    if (remaining <= 0) return 0;
    return (__mmask16)((1u << remaining) - 1);
}

// e^x with the Cody-Waite reduction and degree-6 polynomial of the Swift VectorExponential; 2^n by
// vscalefps, which also gives 0 below and infinity above the float range. NaN stays NaN because it is
// the second operand of max/min.
static inline __m512 exponential(__m512 x) {
    x = _mm512_max_ps(_mm512_set1_ps(-104.0f), x);
    x = _mm512_min_ps(_mm512_set1_ps(88.8f), x);
    __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                    _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
    __m512 p = _mm512_set1_ps(1.9875691500e-4f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894e-2f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459e-1f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201e-1f));
    __m512 polynomial = _mm512_fmadd_ps(p, _mm512_mul_ps(r, r), _mm512_add_ps(r, _mm512_set1_ps(1.0f)));
    return _mm512_scalef_ps(polynomial, n);
}

#pragma clang attribute pop

#endif
#endif
