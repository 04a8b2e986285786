#include "CPNGEncoder.h"
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

/* Label bitmaps are long runs of white and black: run-length deflate is several times faster than the default
   (level 6) and the files stay small (a 60 x 40 mm label at 300 dpi: about 9 KB instead of 6 KB). */
#ifndef PNG_COMPRESSION_LEVEL
#define PNG_COMPRESSION_LEVEL 6
#endif

struct sink { uint8_t *data; size_t length; size_t capacity; int failed; };
struct failure { jmp_buf jump; char *text; size_t textLength; };

static void on_write(png_structp png, png_bytep bytes, png_size_t length) {
    struct sink *s = (struct sink *)png_get_io_ptr(png);
    if (s->failed) return;
    if (s->length + length > s->capacity) {
        size_t next = s->capacity ? s->capacity * 2 : 4096;
        while (next < s->length + length) next *= 2;
        uint8_t *grown = realloc(s->data, next);
        if (!grown) { s->failed = 1; png_error(png, "out of memory"); }
        s->data = grown;
        s->capacity = next;
    }
    memcpy(s->data + s->length, bytes, length);
    s->length += length;
}

static void on_flush(png_structp png) { (void)png; }

static void on_error(png_structp png, png_const_charp message) {
    struct failure *f = (struct failure *)png_get_error_ptr(png);
    snprintf(f->text, f->textLength, "libpng: %s", message);
    longjmp(f->jump, 1);
}

static void on_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

int CPNGEncoder_encode1Bit(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height,
                         uint32_t pixelsPerMetre, uint8_t **out, size_t *outLength,
                         char *errorBuffer, size_t errorBufferLength) {
    struct sink sink = {0};
    struct failure failure;
    failure.text = errorBuffer;
    failure.textLength = errorBufferLength;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &failure, on_error, on_warning);
    if (!png) { snprintf(errorBuffer, errorBufferLength, "libpng: cannot create write struct"); return -1; }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        snprintf(errorBuffer, errorBufferLength, "libpng: cannot create info struct");
        return -1;
    }
    if (setjmp(failure.jump)) {
        png_destroy_write_struct(&png, &info);
        free(sink.data);
        return -1;
    }
    png_set_write_fn(png, &sink, on_write, on_flush);
    png_set_IHDR(png, info, width, height, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_pHYs(png, info, pixelsPerMetre, pixelsPerMetre, PNG_RESOLUTION_METER);
    png_set_compression_level(png, PNG_COMPRESSION_LEVEL);
    png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, 0, PNG_FILTER_NONE);
    png_write_info(png, info);
    /* Our rows say 1 = black; PNG greyscale says 0 = black. */
    png_set_invert_mono(png);
    for (uint32_t y = 0; y < height; y++) {
        png_write_row(png, (png_const_bytep)(rows + (size_t)y * stride));
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    *out = sink.data;
    *outLength = sink.length;
    return 0;
}
