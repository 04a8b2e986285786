#ifndef CPNGENCODER_H
#define CPNGENCODER_H
#include <stddef.h>
#include <stdint.h>

/// Encodes a 1-bit greyscale PNG (1 = black) with a pHYs chunk into a malloc'd buffer.
/// `rows` holds `height` rows of `stride` bytes, most significant bit first, bit set = black.
/// Returns 0 on success (then *out and *outLength are set; free *out with free()),
/// or -1 with a message in `errorBuffer`. libpng's longjmp never crosses into Swift.
int CPNGEncoder_encode1Bit(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height,
                         uint32_t pixelsPerMetre, uint8_t **out, size_t *outLength,
                         char *errorBuffer, size_t errorBufferLength);

/// A 1-bit PNG writer for many images sharing most rows with one static image (labels of a job): runs of rows equal
/// to the static image are deflated once and reused. Not thread-safe: one encoder per thread.
typedef struct CPNGEncoder_StaticRowsEncoder CPNGEncoder_StaticRowsEncoder;

/// Creates an encoder for `width` x `height` images whose static image is `rows` (1 = black, MSB first).
/// Returns NULL when out of memory.
CPNGEncoder_StaticRowsEncoder *CPNGEncoder_staticRowsCreate(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height,
                                                        uint32_t pixelsPerMetre);
void CPNGEncoder_staticRowsDestroy(CPNGEncoder_StaticRowsEncoder *encoder);

/// What a row of an image may hold, relative to the static image (the `kinds` argument of the encoder).
enum {
    /// The row equals the static image's.
    CPNGEncoder_rowStatic = 0,
    /// The row may differ anywhere (a per-label text): it is deflated.
    CPNGEncoder_rowAny = 1,
    /// The row may differ only inside the span of bytes given to the encoder (a symbol): it is spliced.
    CPNGEncoder_rowInSpan = 2,
};

/// Encodes `rows` (same geometry). `kinds[y]` says what row y may hold (`CPNGEncoder_row…`); rows of kind
/// `CPNGEncoder_rowStatic` MUST equal the static image, and rows of kind `CPNGEncoder_rowInSpan` MUST equal it outside
/// bytes [spanStart, spanEnd) of the row. Returns 0 and a malloc'd PNG in *out, or -1 when out of memory.
int CPNGEncoder_staticRowsEncode(CPNGEncoder_StaticRowsEncoder *encoder, const uint8_t *rows, const uint8_t *kinds,
                               uint32_t spanStart, uint32_t spanEnd, uint8_t **out, size_t *outLength);

#endif
