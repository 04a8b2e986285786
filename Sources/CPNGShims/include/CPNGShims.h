#ifndef CPNGSHIMS_H
#define CPNGSHIMS_H
#include <stddef.h>
#include <stdint.h>

/// Encodes a 1-bit greyscale PNG (1 = black) with a pHYs chunk into a malloc'd buffer.
/// `rows` holds `height` rows of `stride` bytes, most significant bit first, bit set = black.
/// Returns 0 on success (then *out and *outLength are set; free *out with free()),
/// or -1 with a message in `errorBuffer`. libpng's longjmp never crosses into Swift.
int CPNGShims_encode1Bit(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height,
                         uint32_t pixelsPerMetre, uint8_t **out, size_t *outLength,
                         char *errorBuffer, size_t errorBufferLength);

#endif
