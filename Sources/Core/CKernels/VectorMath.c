// Exponentials, maxima and the SwiGLU activation over long float arrays, vectorised for AVX-512.
//
// The Swift versions of these loops compile to 128-bit SSE at Swift's baseline x86-64 target; the
// 49,152-way softmax of a real vocabulary and the SwiGLU of every MLP run several times faster here.
// Every function's arithmetic is the Swift one's (same polynomial for e^x), so results agree to rounding.
#include "CKernels.h"
#include "Vector512.h"

#if defined(__x86_64__)

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,fma,avx2,avx"))), apply_to = function)

static float exponentiate512(const float *source, float shift, float factor, float *destination, long count) {
    const __m512 offset = _mm512_set1_ps(shift), multiplier = _mm512_set1_ps(factor);
    __m512 total = _mm512_setzero_ps();
    for (long i = 0; i < count; i += 16) {
        const __mmask16 mask = tailMask(count - i);
        const __m512 value = _mm512_mul_ps(exponential(_mm512_sub_ps(_mm512_maskz_loadu_ps(mask, source + i), offset)), multiplier);
        _mm512_mask_storeu_ps(destination + i, mask, value);
        total = _mm512_add_ps(total, _mm512_maskz_mov_ps(mask, value));
    }
    return _mm512_reduce_add_ps(total);
}

static float sumOfExponentials512(const float *source, float shift, long count) {
    const __m512 offset = _mm512_set1_ps(shift);
    __m512 total = _mm512_setzero_ps(), second = _mm512_setzero_ps();
    long i = 0;
    // Two accumulators: the exponential's latency chain is long, and rows are up to 49k wide.
    for (; i + 32 <= count; i += 32) {
        total = _mm512_add_ps(total, exponential(_mm512_sub_ps(_mm512_loadu_ps(source + i), offset)));
        second = _mm512_add_ps(second, exponential(_mm512_sub_ps(_mm512_loadu_ps(source + i + 16), offset)));
    }
    for (; i < count; i += 16) {
        const __mmask16 mask = tailMask(count - i);
        total = _mm512_add_ps(total, _mm512_maskz_mov_ps(mask, exponential(_mm512_sub_ps(_mm512_maskz_loadu_ps(mask, source + i), offset))));
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(total, second));
}

static float maximum512(const float *source, long count) {
    const __m512 lowest = _mm512_set1_ps(-__builtin_inff());
    __m512 largest = lowest;
    for (long i = 0; i < count; i += 16) {
        // vmaxps returns its second operand when either is NaN, so a NaN element leaves the running maximum
        // as it was, like the Swift loop's `>` comparison.
        largest = _mm512_max_ps(_mm512_mask_loadu_ps(lowest, tailMask(count - i), source + i), largest);
    }
    return _mm512_reduce_max_ps(largest);
}

static inline __m512 sigmoid512(__m512 x) {
    const __m512 one = _mm512_set1_ps(1.0f);
    return _mm512_div_ps(one, _mm512_add_ps(one, exponential(_mm512_sub_ps(_mm512_setzero_ps(), x))));
}

static void swiglu512(const float *gate, const float *up, float *output, long count) {
    for (long i = 0; i < count; i += 16) {
        const __mmask16 mask = tailMask(count - i);
        const __m512 x = _mm512_maskz_loadu_ps(mask, gate + i);
        const __m512 silu = _mm512_mul_ps(x, sigmoid512(x));
        _mm512_mask_storeu_ps(output + i, mask, _mm512_mul_ps(silu, _mm512_maskz_loadu_ps(mask, up + i)));
    }
}

static void swigluBackward512(const float *gate, const float *up, const float *gradient, float *gateGradient, float *upGradient, long count) {
    const __m512 one = _mm512_set1_ps(1.0f);
    for (long i = 0; i < count; i += 16) {
        const __mmask16 mask = tailMask(count - i);
        const __m512 x = _mm512_maskz_loadu_ps(mask, gate + i), g = _mm512_maskz_loadu_ps(mask, gradient + i);
        const __m512 s = sigmoid512(x);
        const __m512 slope = _mm512_mul_ps(s, _mm512_fmadd_ps(x, _mm512_sub_ps(one, s), one));
        _mm512_mask_storeu_ps(gateGradient + i, mask, _mm512_mul_ps(_mm512_mul_ps(g, _mm512_maskz_loadu_ps(mask, up + i)), slope));
        _mm512_mask_storeu_ps(upGradient + i, mask, _mm512_mul_ps(g, _mm512_mul_ps(x, s)));
    }
}

#pragma clang attribute pop

int unlearn_vector_math_supported(void) { return unlearnHasAVX512(); }
float unlearn_exponentiate(const float *source, float shift, float factor, float *destination, long count) {
    return exponentiate512(source, shift, factor, destination, count);
}
float unlearn_sum_of_exponentials(const float *source, float shift, long count) { return sumOfExponentials512(source, shift, count); }
float unlearn_maximum(const float *source, long count) { return maximum512(source, count); }
void unlearn_swiglu(const float *gate, const float *up, float *output, long count) { swiglu512(gate, up, output, count); }
void unlearn_swiglu_backward(const float *gate, const float *up, const float *gradient, float *gateGradient, float *upGradient, long count) {
    swigluBackward512(gate, up, gradient, gateGradient, upGradient, count);
}

#else

int unlearn_vector_math_supported(void) { return 0; }
float unlearn_exponentiate(const float *source, float shift, float factor, float *destination, long count) {
    (void)source; (void)shift; (void)factor; (void)destination; (void)count; return 0;
}
float unlearn_sum_of_exponentials(const float *source, float shift, long count) { (void)source; (void)shift; (void)count; return 0; }
float unlearn_maximum(const float *source, long count) { (void)source; (void)count; return 0; }
void unlearn_swiglu(const float *gate, const float *up, float *output, long count) { (void)gate; (void)up; (void)output; (void)count; }
void unlearn_swiglu_backward(const float *gate, const float *up, const float *gradient, float *gateGradient, float *upGradient, long count) {
    (void)gate; (void)up; (void)gradient; (void)gateGradient; (void)upGradient; (void)count;
}

#endif
