// Causal grouped-query attention for small heads, vectorised for AVX-512.
//
// Per query head the work is a few small matrix products with an inner size of the head dimension
// (16-128) and a softmax. Through BLAS each product is a separate call whose packing and threading
// overhead dominates at these sizes (a 64 × 256 × 64 product is ~2 MFLOP), so here they are register-
// tiled loops over 4 query rows at a time, reading keys and values in place. Keys (and, in backward,
// values) are repacked transposed once per group, so that a row of scores is a broadcast-and-FMA loop.
// The forward pass keeps only each row's log-sum-exp; the backward pass recomputes the scores from it,
// as FlashAttention does, instead of storing [heads, T, T] probabilities.
#include "CKernels.h"
#include "Vector512.h"

#include <math.h>
#include <stdlib.h>

#if defined(__x86_64__)

enum { tileRows = 4 };

static long roundUp(long value, long multiple) { return (value + multiple - 1) / multiple * multiple; }

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,fma,avx2,avx"))), apply_to = function)

// target[d][s] = source[s][d] for s < keys, zero for keys <= s < padded.
static void packTransposed(const float *source, long stride, long keys, long dimension, long padded, float *target) {
    for (long d = 0; d < dimension; d++) {
        float *row = target + d * padded;
        for (long s = 0; s < keys; s++) row[s] = source[s * stride + d];
        for (long s = keys; s < padded; s++) row[s] = 0;
    }
}

// out_r[s] = alpha · Σ_d a_r[d] · bt[d][s] for s < keys: four rows of A times a transposed, zero-padded
// B (row length `padded`, a multiple of 32), 32 columns per step so 8 accumulators hide FMA latency.
static void productTransposed(const float *const a[tileRows], const float *bt, long padded, long dimension,
                              long keys, float alpha, float *const out[tileRows]) {
    const __m512 scale = _mm512_set1_ps(alpha);
    for (long s = 0; s < keys; s += 32) {
        __m512 c00 = _mm512_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        const float *b = bt + s;
        for (long d = 0; d < dimension; d++) {
            const __m512 b0 = _mm512_loadu_ps(b + d * padded), b1 = _mm512_loadu_ps(b + d * padded + 16);
            __m512 x = _mm512_set1_ps(a[0][d]);
            c00 = _mm512_fmadd_ps(x, b0, c00); c01 = _mm512_fmadd_ps(x, b1, c01);
            x = _mm512_set1_ps(a[1][d]);
            c10 = _mm512_fmadd_ps(x, b0, c10); c11 = _mm512_fmadd_ps(x, b1, c11);
            x = _mm512_set1_ps(a[2][d]);
            c20 = _mm512_fmadd_ps(x, b0, c20); c21 = _mm512_fmadd_ps(x, b1, c21);
            x = _mm512_set1_ps(a[3][d]);
            c30 = _mm512_fmadd_ps(x, b0, c30); c31 = _mm512_fmadd_ps(x, b1, c31);
        }
        const __mmask16 m0 = tailMask(keys - s), m1 = tailMask(keys - s - 16);
        _mm512_mask_storeu_ps(out[0] + s, m0, _mm512_mul_ps(c00, scale)); _mm512_mask_storeu_ps(out[0] + s + 16, m1, _mm512_mul_ps(c01, scale));
        _mm512_mask_storeu_ps(out[1] + s, m0, _mm512_mul_ps(c10, scale)); _mm512_mask_storeu_ps(out[1] + s + 16, m1, _mm512_mul_ps(c11, scale));
        _mm512_mask_storeu_ps(out[2] + s, m0, _mm512_mul_ps(c20, scale)); _mm512_mask_storeu_ps(out[2] + s + 16, m1, _mm512_mul_ps(c21, scale));
        _mm512_mask_storeu_ps(out[3] + s, m0, _mm512_mul_ps(c30, scale)); _mm512_mask_storeu_ps(out[3] + s + 16, m1, _mm512_mul_ps(c31, scale));
    }
}

// out_r[c ..< c + 16·width] = alpha · Σ_{s < keys} p_r[s] · b[s][c ...]: four rows of P times rows of B
// read in place (row stride ldb). `width` is a literal 1, 2 or 4 at every call, so the accumulators
// stay in registers.
static inline __attribute__((always_inline)) void productChunk(int width, const float *const p[tileRows], const float *b, long ldb,
                                                               long keys, float alpha, float *const out[tileRows]) {
    __m512 c[tileRows][4];
    for (int r = 0; r < tileRows; r++)
        for (int w = 0; w < width; w++) c[r][w] = _mm512_setzero_ps();
    for (long s = 0; s < keys; s++) {
        __m512 row[4];
        for (int w = 0; w < width; w++) row[w] = _mm512_loadu_ps(b + s * ldb + 16 * w);
        for (int r = 0; r < tileRows; r++) {
            const __m512 x = _mm512_set1_ps(p[r][s]);
            for (int w = 0; w < width; w++) c[r][w] = _mm512_fmadd_ps(x, row[w], c[r][w]);
        }
    }
    const __m512 scale = _mm512_set1_ps(alpha);
    for (int r = 0; r < tileRows; r++)
        for (int w = 0; w < width; w++) _mm512_storeu_ps(out[r] + 16 * w, _mm512_mul_ps(c[r][w], scale));
}

// Full head width of `productChunk`, in chunks of 64, 32 and 16 columns.
static void product(const float *const p[tileRows], const float *b, long ldb, long keys, long dimension, float alpha,
                    float *const out[tileRows]) {
    for (long column = 0; column < dimension;) {
        float *const shifted[tileRows] = {out[0] + column, out[1] + column, out[2] + column, out[3] + column};
        const long left = dimension - column;
        if (left >= 64) { productChunk(4, p, b + column, ldb, keys, alpha, shifted); column += 64; }
        else if (left >= 32) { productChunk(2, p, b + column, ldb, keys, alpha, shifted); column += 32; }
        else { productChunk(1, p, b + column, ldb, keys, alpha, shifted); column += 16; }
    }
}

// out_r[c ...] += alpha · Σ_{t ∈ [first, last)} a[t][columns_r] · b[t][c ...]: a transposed product
// accumulated into four output rows (key or value gradients of four key positions).
static inline __attribute__((always_inline)) void accumulateChunk(int width, const float *a, long lda, const long columns[tileRows],
                                                                  const float *b, long ldb, long first, long last, float alpha,
                                                                  float *const out[tileRows]) {
    __m512 c[tileRows][4];
    for (int r = 0; r < tileRows; r++)
        for (int w = 0; w < width; w++) c[r][w] = _mm512_setzero_ps();
    for (long t = first; t < last; t++) {
        __m512 row[4];
        for (int w = 0; w < width; w++) row[w] = _mm512_loadu_ps(b + t * ldb + 16 * w);
        const float *weights = a + t * lda;
        for (int r = 0; r < tileRows; r++) {
            const __m512 x = _mm512_set1_ps(weights[columns[r]]);
            for (int w = 0; w < width; w++) c[r][w] = _mm512_fmadd_ps(x, row[w], c[r][w]);
        }
    }
    const __m512 scale = _mm512_set1_ps(alpha);
    for (int r = 0; r < tileRows; r++)
        for (int w = 0; w < width; w++)
            _mm512_storeu_ps(out[r] + 16 * w, _mm512_fmadd_ps(c[r][w], scale, _mm512_loadu_ps(out[r] + 16 * w)));
}

static void accumulate(const float *a, long lda, const long columns[tileRows], const float *b, long ldb, long first, long last,
                       long dimension, float alpha, float *const out[tileRows]) {
    for (long column = 0; column < dimension;) {
        float *const shifted[tileRows] = {out[0] + column, out[1] + column, out[2] + column, out[3] + column};
        const long left = dimension - column;
        if (left >= 64) { accumulateChunk(4, a, lda, columns, b + column, ldb, first, last, alpha, shifted); column += 64; }
        else if (left >= 32) { accumulateChunk(2, a, lda, columns, b + column, ldb, first, last, alpha, shifted); column += 32; }
        else { accumulateChunk(1, a, lda, columns, b + column, ldb, first, last, alpha, shifted); column += 16; }
    }
}

// Softmax of row[0 ..< visible] in place, row[visible ..< end] = 0; returns log Σ e^row, which is all
// the backward pass needs to rebuild the row.
static float softmaxRow(float *row, long visible, long end) {
    const __m512 lowest = _mm512_set1_ps(-__builtin_inff());
    __m512 largest = lowest;
    for (long s = 0; s < visible; s += 16)
        largest = _mm512_max_ps(largest, _mm512_mask_loadu_ps(lowest, tailMask(visible - s), row + s));
    const float maximum = _mm512_reduce_max_ps(largest);
    const __m512 shift = _mm512_set1_ps(maximum);
    __m512 total = _mm512_setzero_ps();
    for (long s = 0; s < visible; s += 16) {
        const __mmask16 mask = tailMask(visible - s);
        const __m512 e = exponential(_mm512_sub_ps(_mm512_maskz_loadu_ps(mask, row + s), shift));
        _mm512_mask_storeu_ps(row + s, mask, e);
        total = _mm512_add_ps(total, _mm512_maskz_mov_ps(mask, e));
    }
    const float sum = _mm512_reduce_add_ps(total);
    const __m512 inverse = _mm512_set1_ps(1.0f / sum);
    for (long s = 0; s < visible; s += 16) {
        const __mmask16 mask = tailMask(visible - s);
        _mm512_mask_storeu_ps(row + s, mask, _mm512_mul_ps(_mm512_maskz_loadu_ps(mask, row + s), inverse));
    }
    for (long s = visible; s < end; s++) row[s] = 0;
    return maximum + logf(sum);
}

// row[s] = e^(row[s] − logSumExp) for s < visible (the probabilities the forward pass had), then
// row[visible ..< end] = 0.
static void probabilitiesRow(float *row, float logSumExp, long visible, long end) {
    const __m512 shift = _mm512_set1_ps(logSumExp);
    for (long s = 0; s < visible; s += 16) {
        const __mmask16 mask = tailMask(visible - s);
        _mm512_mask_storeu_ps(row + s, mask, exponential(_mm512_sub_ps(_mm512_maskz_loadu_ps(mask, row + s), shift)));
    }
    for (long s = visible; s < end; s++) row[s] = 0;
}

// d[s] = p[s] · (d[s] − Σ p·d) for s < visible (the softmax backward); d[visible ..< end] = 0.
static void softmaxBackwardRow(const float *p, float *d, long visible, long end) {
    __m512 dot = _mm512_setzero_ps();
    for (long s = 0; s < visible; s += 16) {
        const __mmask16 mask = tailMask(visible - s);
        dot = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, p + s), _mm512_maskz_loadu_ps(mask, d + s), dot);
    }
    const __m512 shift = _mm512_set1_ps(_mm512_reduce_add_ps(dot));
    for (long s = 0; s < visible; s += 16) {
        const __mmask16 mask = tailMask(visible - s);
        const __m512 value = _mm512_mul_ps(_mm512_maskz_loadu_ps(mask, p + s), _mm512_sub_ps(_mm512_maskz_loadu_ps(mask, d + s), shift));
        _mm512_mask_storeu_ps(d + s, mask, value);
    }
    for (long s = visible; s < end; s++) d[s] = 0;
}

// Rows of one tile: `rows` real ones starting at `first`, padded to `tileRows` by repeating the last.
typedef struct {
    long first, rows, keys;
} Tile;

static Tile tileAt(long first, long length, long past) {
    const long rows = length - first < tileRows ? length - first : tileRows;
    return (Tile){first, rows, past + first + rows};
}

static long tileRow(Tile tile, long r) { return tile.first + (r < tile.rows ? r : tile.rows - 1); }

static int forwardGroup(const UnlearnAttentionGroup *g) {
    const long length = g->length, keys = g->keyLength, past = keys - length, dimension = g->dimension;
    const long padded = roundUp(keys, 32);
    // Transposed keys, one tile of score rows, a spare score row and a spare output row for the
    // repeated rows of a partial tile.
    float *scratch = malloc(sizeof(float) * (size_t)(dimension * padded + (tileRows + 1) * padded + dimension));
    if (!scratch) return -1;
    float *keysTransposed = scratch, *scoreRows = keysTransposed + dimension * padded;
    float *spareScores = scoreRows + tileRows * padded, *spareOutput = spareScores + padded;
    packTransposed(g->key, g->keyRowStride, keys, dimension, padded, keysTransposed);
    for (long h = 0; h < g->group; h++) {
        const float *queries = g->query + h * dimension;
        float *outputs = g->output + h * dimension;
        for (long first = 0; first < length; first += tileRows) {
            const Tile tile = tileAt(first, length, past);
            const float *queryRows[tileRows];
            float *scores[tileRows], *out[tileRows];
            for (long r = 0; r < tileRows; r++) {
                queryRows[r] = queries + tileRow(tile, r) * g->queryRowStride;
                scores[r] = r < tile.rows ? scoreRows + r * padded : spareScores;
                out[r] = r < tile.rows ? outputs + tileRow(tile, r) * g->queryRowStride : spareOutput;
            }
            productTransposed(queryRows, keysTransposed, padded, dimension, tile.keys, g->scale, scores);
            for (long r = 0; r < tile.rows; r++) {
                const float logSumExp = softmaxRow(scores[r], past + first + r + 1, tile.keys);
                if (g->rowLogSumExp) g->rowLogSumExp[h * length + first + r] = logSumExp;
            }
            product((const float *const *)scores, g->value, g->keyRowStride, tile.keys, dimension, 1.0f, out);
        }
    }
    free(scratch);
    return 0;
}

static int backwardGroup(const UnlearnAttentionGroup *g, const UnlearnAttentionGradients *gradients) {
    const long length = g->length, keys = g->keyLength, past = keys - length, dimension = g->dimension;
    const long padded = roundUp(keys, 32);
    // Transposed keys and values, one head's probabilities and score gradients, spare rows.
    float *scratch = malloc(sizeof(float) * (size_t)(2 * dimension * padded + (2 * length + 1) * padded + dimension));
    if (!scratch) return -1;
    float *keysTransposed = scratch, *valuesTransposed = keysTransposed + dimension * padded;
    float *probabilities = valuesTransposed + dimension * padded, *scoreGradients = probabilities + length * padded;
    float *spareRow = scoreGradients + length * padded, *spareOutput = spareRow + padded;
    packTransposed(g->key, g->keyRowStride, keys, dimension, padded, keysTransposed);
    packTransposed(g->value, g->keyRowStride, keys, dimension, padded, valuesTransposed);
    for (long h = 0; h < g->group; h++) {
        const float *queries = g->query + h * dimension, *upstream = gradients->upstream + h * dimension;
        const float *logSumExps = g->rowLogSumExp + h * length;
        float *queryGradients = gradients->queryGradient + h * dimension;
        for (long first = 0; first < length; first += tileRows) {
            const Tile tile = tileAt(first, length, past);
            const float *queryRows[tileRows], *upstreamRows[tileRows];
            float *probabilityRows[tileRows], *scoreRows[tileRows], *out[tileRows];
            for (long r = 0; r < tileRows; r++) {
                const long t = tileRow(tile, r);
                queryRows[r] = queries + t * g->queryRowStride;
                upstreamRows[r] = upstream + t * g->queryRowStride;
                probabilityRows[r] = r < tile.rows ? probabilities + t * padded : spareRow;
                scoreRows[r] = r < tile.rows ? scoreGradients + t * padded : spareRow;
                out[r] = r < tile.rows ? queryGradients + t * g->queryRowStride : spareOutput;
            }
            // P rebuilt from the scores and the forward pass's log-sum-exp (cheaper than keeping
            // [heads, T, T] probabilities per layer: 9 MB per SmolLM2 layer at 4 × 256 tokens).
            productTransposed(queryRows, keysTransposed, padded, dimension, tile.keys, g->scale, probabilityRows);
            // dP = dO·Vᵀ, then dS = P ⊙ (dP − Σ P⊙dP). Rows are zeroed a tile's width past their visible
            // keys: the key and value gradient products below read up to three columns beyond a row's last key.
            productTransposed(upstreamRows, valuesTransposed, padded, dimension, tile.keys, 1.0f, scoreRows);
            for (long r = 0; r < tile.rows; r++) {
                const long visible = past + first + r + 1;
                const long end = visible + tileRows < padded ? visible + tileRows : padded;
                probabilitiesRow(probabilityRows[r], logSumExps[first + r], visible, end);
                softmaxBackwardRow(probabilityRows[r], scoreRows[r], visible, end);
            }
            // dQ = scale · dS·K
            product((const float *const *)scoreRows, g->key, g->keyRowStride, tile.keys, dimension, g->scale, out);
        }
        // dV += Pᵀ·dO and dK += scale · dSᵀ·Q over the rows that see each key (t ≥ s − past).
        for (long first = 0; first < keys; first += tileRows) {
            long columns[tileRows];
            float *valueRows[tileRows], *keyRows[tileRows];
            for (long r = 0; r < tileRows; r++) {
                const long s = first + r < keys ? first + r : keys - 1;
                columns[r] = s;
                valueRows[r] = first + r < keys ? gradients->valueGradient + s * g->keyRowStride : spareOutput;
                keyRows[r] = first + r < keys ? gradients->keyGradient + s * g->keyRowStride : spareOutput;
            }
            const long firstRow = first - past > 0 ? first - past : 0;
            accumulate(probabilities, padded, columns, upstream, g->queryRowStride, firstRow, length, dimension, 1.0f, valueRows);
            accumulate(scoreGradients, padded, columns, queries, g->queryRowStride, firstRow, length, dimension, g->scale, keyRows);
        }
    }
    free(scratch);
    return 0;
}

#pragma clang attribute pop

int unlearn_attention_supported(long dimension) {
    return unlearnHasAVX512() && dimension > 0 && dimension <= 128 && dimension % 16 == 0;
}

int unlearn_attention_forward(const UnlearnAttentionGroup *group) {
    return unlearn_attention_supported(group->dimension) ? forwardGroup(group) : -1;
}

int unlearn_attention_backward(const UnlearnAttentionGroup *group, const UnlearnAttentionGradients *gradients) {
    return unlearn_attention_supported(group->dimension) && group->rowLogSumExp ? backwardGroup(group, gradients) : -1;
}

#else

int unlearn_attention_supported(long dimension) { (void)dimension; return 0; }
int unlearn_attention_forward(const UnlearnAttentionGroup *group) { (void)group; return -1; }
int unlearn_attention_backward(const UnlearnAttentionGroup *group, const UnlearnAttentionGradients *gradients) {
    (void)group; (void)gradients; return -1;
}

#endif
