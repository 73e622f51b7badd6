#ifndef UNLEARN_CKERNELS_H
#define UNLEARN_CKERNELS_H

/// Hand-vectorised CPU kernels the Swift compiler cannot produce at its baseline x86-64 target: they
/// are compiled for AVX-512 and chosen at run time, so the binary still runs on CPUs without it.

/// One (batch, key/value head) group of causal grouped-query attention: the query heads that share
/// one key/value head. Strides are in floats; rows of `query`/`output` are `queryRowStride` apart,
/// rows of `key`/`value` `keyRowStride` apart, head h of the group starts `h * dimension` after
/// `query`. Query row t sees keys 0 ... past + t, where past = keyLength - length.
typedef struct {
    const float *query;
    const float *key;
    const float *value;
    float *output;
    /// [group heads][length] log Σ exp of each query row's scores, written by the forward pass for the
    /// backward pass (which rebuilds the probabilities from it); NULL when no backward pass follows.
    float *rowLogSumExp;
    long length, keyLength, group, dimension, queryRowStride, keyRowStride;
    float scale;
} UnlearnAttentionGroup;

/// Gradients of one group; `upstream` is laid out like the output, `queryGradient` like the query,
/// `keyGradient`/`valueGradient` like the key and value (accumulated into, so zero them first).
typedef struct {
    const float *upstream;
    float *queryGradient;
    float *keyGradient;
    float *valueGradient;
} UnlearnAttentionGradients;

/// 1 when this CPU runs the AVX-512 attention kernels and `dimension` (the head size) is one they
/// handle (a multiple of 16 up to 128), else 0.
int unlearn_attention_supported(long dimension);

/// Forward pass of one group: writes `output` and, when not NULL, `rowLogSumExp`.
/// Returns 0, or -1 when scratch memory could not be allocated (nothing is written then).
int unlearn_attention_forward(const UnlearnAttentionGroup *group);

/// Backward pass of one group from the log-sum-exps the forward pass kept. Returns 0 or -1 as above.
int unlearn_attention_backward(const UnlearnAttentionGroup *group, const UnlearnAttentionGradients *gradients);

/// 1 when this CPU runs the AVX-512 vector-math kernels below, else 0 (then callers use their own loops).
int unlearn_vector_math_supported(void);

/// destination[i] = factor · e^(source[i] − shift); returns the sum of the results.
float unlearn_exponentiate(const float *source, float shift, float factor, float *destination, long count);

/// Σ e^(source[i] − shift).
float unlearn_sum_of_exponentials(const float *source, float shift, long count);

/// The largest of `count` floats (−∞ for none; NaN elements are skipped as by a `>` comparison).
float unlearn_maximum(const float *source, long count);

/// output[i] = silu(gate[i]) · up[i], silu(x) = x · σ(x).
void unlearn_swiglu(const float *gate, const float *up, float *output, long count);

/// Gradients of `unlearn_swiglu` for upstream `gradient`:
/// gateGradient = g · up · σ(x)(1 + x(1 − σ(x))), upGradient = g · silu(x).
void unlearn_swiglu_backward(const float *gate, const float *up, const float *gradient, float *gateGradient,
                             float *upGradient, long count);

#endif
