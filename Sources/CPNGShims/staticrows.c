#include "CPNGShims.h"
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A 1-bit PNG writer for a series of images that share most of their rows (labels of one job): the runs of rows
   equal to the static image are deflated once, as byte-aligned raw-deflate segments ending in a full flush (no
   back-reference leaves a segment), and spliced between the per-image segments. */

struct segment { uint32_t first, count; uint8_t *data; size_t length; uLong adler; };

struct CPNGShims_StaticRowsEncoder {
    uint32_t width, height, ppm;
    size_t stride;
    uint8_t *staticRows;       /* PNG scanlines (filter byte + inverted bits) of the static image */
    struct segment *cache;     /* static runs deflated so far */
    size_t cacheCount, cacheCapacity;
    z_stream z;                /* per-image rows: level 1, memLevel 6 (zlib clears the hash table on every reset:
                                  16 KB instead of 128 KB). Measured on a 60 x 40 mm label's dirty rows at 300 dpi:
                                  1.23 M instructions and 5.0 KB, against 1.85 M and 7.6 KB for Z_RLE at memLevel 9 */
    z_stream zs;               /* static rows, deflated once: best compression */
    uint8_t *scratch;          /* scanlines of dirty rows */
};

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

/* PNG scanline of a row: filter 0, then the bits inverted (PNG grey 0 = black; ours 1 = black). */
static void scanline(uint8_t *out, const uint8_t *row, size_t stride) {
    out[0] = 0;
    for (size_t i = 0; i < stride; i++) out[1 + i] = (uint8_t)~row[i];
}

/* PNG scanline of a per-image row: a row equal to the one above (most rows of a symbol: a module is several dots
   tall) becomes filter 2 ("Up") and all zero bytes, which deflate codes as one or two matches instead of a literal
   per byte. `above` is the image's previous row, or NULL for the first row. */
static void dirtyScanline(uint8_t *out, const uint8_t *row, const uint8_t *above, size_t stride) {
    if (above && memcmp(row, above, stride) == 0) {
        out[0] = 2;
        memset(out + 1, 0, stride);
    } else {
        scanline(out, row, stride);
    }
}

CPNGShims_StaticRowsEncoder *CPNGShims_staticRowsCreate(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height,
                                                        uint32_t pixelsPerMetre) {
    CPNGShims_StaticRowsEncoder *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->width = width; e->height = height; e->ppm = pixelsPerMetre; e->stride = stride;
    e->staticRows = malloc((stride + 1) * (size_t)height);
    e->scratch = malloc((stride + 1) * (size_t)height);
    if (!e->staticRows || !e->scratch || deflateInit2(&e->z, 1, Z_DEFLATED, -15, 6, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(e->staticRows); free(e->scratch); free(e);
        return NULL;
    }
    if (deflateInit2(&e->zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        deflateEnd(&e->z);
        free(e->staticRows); free(e->scratch); free(e);
        return NULL;
    }
    for (uint32_t y = 0; y < height; y++) scanline(e->staticRows + (size_t)y * (stride + 1), rows + (size_t)y * stride, stride);
    return e;
}

void CPNGShims_staticRowsDestroy(CPNGShims_StaticRowsEncoder *e) {
    if (!e) return;
    for (size_t i = 0; i < e->cacheCount; i++) free(e->cache[i].data);
    free(e->cache); free(e->staticRows); free(e->scratch);
    deflateEnd(&e->z);
    deflateEnd(&e->zs);
    free(e);
}

/* Raw-deflates `length` bytes as a byte-aligned, non-final segment; appends to *buf. */
static int deflateSegment(z_stream *z, const uint8_t *data, size_t length, uint8_t **buf, size_t *len, size_t *cap) {
    if (deflateReset(z) != Z_OK) return -1;
    size_t bound = deflateBound(z, length) + 16;
    if (*len + bound > *cap) {
        size_t next = *cap ? *cap * 2 : 16384;
        while (next < *len + bound) next *= 2;
        uint8_t *grown = realloc(*buf, next);
        if (!grown) return -1;
        *buf = grown; *cap = next;
    }
    z->next_in = (Bytef *)data; z->avail_in = (uInt)length;
    z->next_out = *buf + *len; z->avail_out = (uInt)(*cap - *len);
    if (deflate(z, Z_FULL_FLUSH) != Z_OK || z->avail_in != 0) return -1;
    *len = *cap - z->avail_out;
    return 0;
}

static struct segment *staticSegment(CPNGShims_StaticRowsEncoder *e, uint32_t first, uint32_t count) {
    for (size_t i = 0; i < e->cacheCount; i++)
        if (e->cache[i].first == first && e->cache[i].count == count) return &e->cache[i];
    if (e->cacheCount == e->cacheCapacity) {
        size_t next = e->cacheCapacity ? e->cacheCapacity * 2 : 8;
        struct segment *grown = realloc(e->cache, next * sizeof *grown);
        if (!grown) return NULL;
        e->cache = grown; e->cacheCapacity = next;
    }
    struct segment s = { first, count, NULL, 0, 0 };
    size_t cap = 0, rowBytes = e->stride + 1;
    const uint8_t *raw = e->staticRows + (size_t)first * rowBytes;
    if (deflateSegment(&e->zs, raw, rowBytes * count, &s.data, &s.length, &cap) != 0) { free(s.data); return NULL; }
    s.adler = adler32(1L, raw, (uInt)(rowBytes * count));
    e->cache[e->cacheCount] = s;
    return &e->cache[e->cacheCount++];
}

static int appendBytes(uint8_t **buf, size_t *len, size_t *cap, const void *bytes, size_t n) {
    if (*len + n > *cap) {
        size_t next = *cap ? *cap * 2 : 16384;
        while (next < *len + n) next *= 2;
        uint8_t *grown = realloc(*buf, next);
        if (!grown) return -1;
        *buf = grown; *cap = next;
    }
    memcpy(*buf + *len, bytes, n);
    *len += n;
    return 0;
}

int CPNGShims_staticRowsEncode(CPNGShims_StaticRowsEncoder *e, const uint8_t *rows, const uint8_t *dirty,
                               uint8_t **out, size_t *outLength) {
    static const uint8_t signature[8] = { 137, 80, 78, 71, 13, 10, 26, 10 };
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, rowBytes = e->stride + 1;
    uint8_t head[8 + 25 + 21 + 8];
    memcpy(head, signature, 8);
    /* IHDR: width, height, bit depth 1, colour type 0 (grey), deflate, filter 0, no interlace. */
    put32(head + 8, 13); memcpy(head + 12, "IHDR", 4);
    put32(head + 16, e->width); put32(head + 20, e->height);
    head[24] = 1; head[25] = 0; head[26] = 0; head[27] = 0; head[28] = 0;
    put32(head + 29, (uint32_t)crc32(0L, head + 12, 17));
    /* pHYs: pixels per metre in x and y, unit metre. */
    put32(head + 33, 9); memcpy(head + 37, "pHYs", 4);
    put32(head + 41, e->ppm); put32(head + 45, e->ppm); head[49] = 1;
    put32(head + 50, (uint32_t)crc32(0L, head + 37, 13));
    /* IDAT length (patched below) and type. */
    memcpy(head + 58, "IDAT", 4);
    if (appendBytes(&buf, &len, &cap, head, sizeof head) != 0) goto fail;
    size_t idatStart = len - 4;
    static const uint8_t zlibHeader[2] = { 0x78, 0x01 };
    if (appendBytes(&buf, &len, &cap, zlibHeader, 2) != 0) goto fail;
    uLong adler = adler32(0L, Z_NULL, 0);
    uint32_t y = 0;
    while (y < e->height) {
        uint32_t first = y;
        int isDirty = dirty[y] != 0;
        while (y < e->height && (dirty[y] != 0) == isDirty) y++;
        uint32_t count = y - first;
        if (isDirty) {
            uint8_t *raw = e->scratch;
            for (uint32_t r = 0; r < count; r++) {
                uint32_t row = first + r;
                dirtyScanline(raw + (size_t)r * rowBytes, rows + (size_t)row * e->stride,
                              row > 0 ? rows + (size_t)(row - 1) * e->stride : NULL, e->stride);
            }
            if (deflateSegment(&e->z, raw, rowBytes * count, &buf, &len, &cap) != 0) goto fail;
            adler = adler32_combine(adler, adler32(1L, raw, (uInt)(rowBytes * count)), (z_off_t)(rowBytes * count));
        } else {
            struct segment *s = staticSegment(e, first, count);
            if (!s || appendBytes(&buf, &len, &cap, s->data, s->length) != 0) goto fail;
            adler = adler32_combine(adler, s->adler, (z_off_t)(rowBytes * count));
        }
    }
    /* An empty final block (fixed Huffman, end of block), then the Adler-32 of the scanlines. */
    uint8_t tail[6] = { 0x03, 0x00 };
    put32(tail + 2, (uint32_t)adler);
    if (appendBytes(&buf, &len, &cap, tail, 6) != 0) goto fail;
    size_t idatLength = len - idatStart - 4;
    put32(buf + idatStart - 4, (uint32_t)idatLength);
    uint8_t crc[4];
    put32(crc, (uint32_t)crc32(0L, buf + idatStart, (uInt)(idatLength + 4)));
    if (appendBytes(&buf, &len, &cap, crc, 4) != 0) goto fail;
    static const uint8_t iend[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82 };
    if (appendBytes(&buf, &len, &cap, iend, 12) != 0) goto fail;
    *out = buf;
    *outLength = len;
    return 0;
fail:
    free(buf);
    return -1;
}
