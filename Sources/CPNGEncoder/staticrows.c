#include "CPNGEncoder.h"
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A 1-bit PNG writer for a series of images that share most of their bytes (labels of one job).

   The zlib stream of a PNG is a sequence of deflate blocks; any byte-aligned piece that ends in a full flush (so no
   back-reference reaches before it) can be made once and copied into every image. Three kinds of piece are cached:
   - runs of rows equal to the static image;
   - the static tail of a symbol row (what lies right of the symbol: usually text);
   - runs of symbol rows that repeat the row above inside the symbol (a module is several dots tall): with PNG
     filter 2 ("Up") such a row is zero inside the symbol and the static difference of two rows outside it, which
     is the same for every image.
   Per image, only the first dot row of each module row is new: it goes in as a stored (uncompressed) block up to the
   end of the symbol, followed by the cached tail. Rows that may differ anywhere (a per-label text) are deflated.

   zlib alone spent about 0.93 M instructions per 60 x 40 mm label at 300 dpi deflating the symbol rows; splicing
   costs a few hundred instructions per row. */

enum { KIND_STATIC = 1, KIND_REPEAT = 2, KIND_TAIL = 3 };

struct segment {
    uint32_t kind, first, count, span;  /* key; span = start | end << 16 (bytes), 0 for static runs */
    uint8_t *data; size_t length;       /* raw deflate, byte-aligned, ends in a full flush */
    uLong adler; size_t rawLength;      /* of the uncompressed bytes it stands for */
};

struct CPNGEncoder_StaticRowsEncoder {
    uint32_t width, height, ppm;
    size_t stride;
    uint8_t *staticRows;       /* PNG scanlines (filter byte + inverted bits) of the static image */
    struct segment *table;     /* open-addressing hash of cached segments (data == NULL: empty slot) */
    size_t tableCount, tableCapacity;
    z_stream z;                /* per-image rows: level 1, memLevel 6 (zlib clears the hash table on every reset:
                                  16 KB instead of 128 KB) */
    z_stream zs;               /* cached pieces, deflated once: best compression */
    uint8_t *scratch;          /* scanlines being built */
};

static void put32(uint8_t *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }

/* PNG scanline of a row: filter 0, then the bits inverted (PNG grey 0 = black; ours 1 = black). */
static void scanline(uint8_t *out, const uint8_t *row, size_t stride) {
    out[0] = 0;
    for (size_t i = 0; i < stride; i++) out[1 + i] = (uint8_t)~row[i];
}

/* PNG scanline of a per-image row: a row equal to the one above becomes filter 2 ("Up") and all zero bytes, which
   deflate codes as one or two matches instead of a literal per byte. `above` is the previous row, or NULL. */
static void dirtyScanline(uint8_t *out, const uint8_t *row, const uint8_t *above, size_t stride) {
    if (above && memcmp(row, above, stride) == 0) {
        out[0] = 2;
        memset(out + 1, 0, stride);
    } else {
        scanline(out, row, stride);
    }
}

CPNGEncoder_StaticRowsEncoder *CPNGEncoder_staticRowsCreate(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height,
                                                        uint32_t pixelsPerMetre) {
    CPNGEncoder_StaticRowsEncoder *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->width = width; e->height = height; e->ppm = pixelsPerMetre; e->stride = stride;
    e->staticRows = malloc((stride + 1) * (size_t)height);
    e->scratch = malloc((stride + 1) * (size_t)height + 1);
    if (!e->staticRows || !e->scratch || deflateInit2(&e->z, 1, Z_DEFLATED, -15, 6, Z_RLE) != Z_OK) {
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

void CPNGEncoder_staticRowsDestroy(CPNGEncoder_StaticRowsEncoder *e) {
    if (!e) return;
    for (size_t i = 0; i < e->tableCapacity; i++) free(e->table[i].data);
    free(e->table); free(e->staticRows); free(e->scratch);
    deflateEnd(&e->z);
    deflateEnd(&e->zs);
    free(e);
}

static int reserve(uint8_t **buf, size_t *len, size_t *cap, size_t n) {
    if (*len + n <= *cap) return 0;
    size_t next = *cap ? *cap * 2 : 16384;
    while (next < *len + n) next *= 2;
    uint8_t *grown = realloc(*buf, next);
    if (!grown) return -1;
    *buf = grown; *cap = next;
    return 0;
}

static int appendBytes(uint8_t **buf, size_t *len, size_t *cap, const void *bytes, size_t n) {
    if (reserve(buf, len, cap, n) != 0) return -1;
    memcpy(*buf + *len, bytes, n);
    *len += n;
    return 0;
}

/* Raw-deflates `length` bytes as a byte-aligned, non-final segment; appends to *buf. */
static int deflateSegment(z_stream *z, const uint8_t *data, size_t length, uint8_t **buf, size_t *len, size_t *cap) {
    if (deflateReset(z) != Z_OK) return -1;
    if (reserve(buf, len, cap, deflateBound(z, length) + 16) != 0) return -1;
    z->next_in = (Bytef *)data; z->avail_in = (uInt)length;
    z->next_out = *buf + *len; z->avail_out = (uInt)(*cap - *len);
    if (deflate(z, Z_FULL_FLUSH) != Z_OK || z->avail_in != 0) return -1;
    *len = *cap - z->avail_out;
    return 0;
}

/* A stored (uncompressed), non-final block: header byte 0 (BFINAL 0, BTYPE 00, padding), LEN and NLEN. */
static int storedBlock(const uint8_t *data, size_t length, uint8_t **buf, size_t *len, size_t *cap) {
    if (reserve(buf, len, cap, length + 5) != 0) return -1;
    uint8_t *p = *buf + *len;
    p[0] = 0;
    p[1] = (uint8_t)length; p[2] = (uint8_t)(length >> 8);
    p[3] = (uint8_t)~length; p[4] = (uint8_t)(~length >> 8);
    memcpy(p + 5, data, length);
    *len += length + 5;
    return 0;
}

static size_t slotOf(const struct segment *table, size_t capacity, uint32_t kind, uint32_t first, uint32_t count, uint32_t span) {
    uint64_t h = ((uint64_t)kind * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)first << 32 | count) * 0xC2B2AE3D27D4EB4Full ^ (uint64_t)span * 0x165667B19E3779F9ull;
    size_t i = (size_t)(h ^ (h >> 29)) & (capacity - 1);
    while (table[i].data && !(table[i].kind == kind && table[i].first == first && table[i].count == count && table[i].span == span)) {
        i = (i + 1) & (capacity - 1);
    }
    return i;
}

/* The cached segment for (kind, first, count, span), deflating it the first time. */
static struct segment *cachedSegment(CPNGEncoder_StaticRowsEncoder *e, uint32_t kind, uint32_t first, uint32_t count,
                                     uint32_t spanStart, uint32_t spanEnd) {
    uint32_t span = spanStart | spanEnd << 16;
    if (e->tableCapacity) {
        size_t i = slotOf(e->table, e->tableCapacity, kind, first, count, span);
        if (e->table[i].data) return &e->table[i];
    }
    if ((e->tableCount + 1) * 2 > e->tableCapacity) {
        size_t capacity = e->tableCapacity ? e->tableCapacity * 2 : 256;
        struct segment *grown = calloc(capacity, sizeof *grown);
        if (!grown) return NULL;
        for (size_t i = 0; i < e->tableCapacity; i++) {
            struct segment *s = &e->table[i];
            if (s->data) grown[slotOf(grown, capacity, s->kind, s->first, s->count, s->span)] = *s;
        }
        free(e->table);
        e->table = grown; e->tableCapacity = capacity;
    }
    size_t rowBytes = e->stride + 1, rawLength = 0;
    const uint8_t *raw = NULL;
    if (kind == KIND_STATIC) {
        raw = e->staticRows + (size_t)first * rowBytes;
        rawLength = rowBytes * count;
    } else if (kind == KIND_TAIL) {
        raw = e->staticRows + (size_t)first * rowBytes + 1 + spanEnd;
        rawLength = e->stride - spanEnd;
    } else {
        /* Rows first..first+count-1, each repeating the row above inside the span: filter Up. */
        uint8_t *out = e->scratch;
        for (uint32_t r = first; r < first + count; r++) {
            const uint8_t *row = e->staticRows + (size_t)r * rowBytes + 1, *above = row - rowBytes;
            *out++ = 2;
            for (size_t x = 0; x < e->stride; x++) *out++ = (x >= spanStart && x < spanEnd) ? 0 : (uint8_t)(row[x] - above[x]);
        }
        raw = e->scratch;
        rawLength = rowBytes * count;
    }
    struct segment s = { kind, first, count, span, NULL, 0, adler32(1L, raw, (uInt)rawLength), rawLength };
    size_t cap = 0;
    if (deflateSegment(&e->zs, raw, rawLength, &s.data, &s.length, &cap) != 0 || !s.data) { free(s.data); return NULL; }
    size_t i = slotOf(e->table, e->tableCapacity, kind, first, count, span);
    e->table[i] = s;
    e->tableCount++;
    return &e->table[i];
}

static int appendSegment(struct segment *s, uLong *adler, uint8_t **buf, size_t *len, size_t *cap) {
    if (!s || appendBytes(buf, len, cap, s->data, s->length) != 0) return -1;
    *adler = adler32_combine(*adler, s->adler, (z_off_t)s->rawLength);
    return 0;
}

int CPNGEncoder_staticRowsEncode(CPNGEncoder_StaticRowsEncoder *e, const uint8_t *rows, const uint8_t *kinds,
                               uint32_t spanStart, uint32_t spanEnd, uint8_t **out, size_t *outLength) {
    static const uint8_t signature[8] = { 137, 80, 78, 71, 13, 10, 26, 10 };
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, rowBytes = e->stride + 1, stride = e->stride;
    if (spanEnd > stride) spanEnd = (uint32_t)stride;
    if (spanStart >= spanEnd) { spanStart = 0; spanEnd = (uint32_t)stride; }
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
        uint8_t kind = kinds[y];
        if (kind == CPNGEncoder_rowStatic) {
            while (y < e->height && kinds[y] == CPNGEncoder_rowStatic) y++;
            if (appendSegment(cachedSegment(e, KIND_STATIC, first, y - first, 0, 0), &adler, &buf, &len, &cap) != 0) goto fail;
        } else if (kind == CPNGEncoder_rowInSpan) {
            /* Inside the span a row may repeat the one above; outside it, this row and the one above are static
               (the row above is static or in the span too). */
            #define REPEATS(r) ((r) > 0 && kinds[(r) - 1] != CPNGEncoder_rowAny && \
                memcmp(rows + (size_t)(r) * stride + spanStart, rows + (size_t)((r) - 1) * stride + spanStart, spanEnd - spanStart) == 0)
            if (REPEATS(y)) {
                while (y < e->height && kinds[y] == CPNGEncoder_rowInSpan && REPEATS(y)) y++;
                if (appendSegment(cachedSegment(e, KIND_REPEAT, first, y - first, spanStart, spanEnd), &adler, &buf, &len, &cap) != 0) goto fail;
            } else {
                /* A new row: filter 0 and the bytes up to the span's end stored, then the static tail. */
                uint8_t *raw = e->scratch;
                raw[0] = 0;
                const uint8_t *row = rows + (size_t)y * stride;
                for (uint32_t x = 0; x < spanEnd; x++) raw[1 + x] = (uint8_t)~row[x];
                if (storedBlock(raw, spanEnd + 1, &buf, &len, &cap) != 0) goto fail;
                adler = adler32_combine(adler, adler32(1L, raw, spanEnd + 1), (z_off_t)(spanEnd + 1));
                if (spanEnd < stride &&
                    appendSegment(cachedSegment(e, KIND_TAIL, y, 1, spanStart, spanEnd), &adler, &buf, &len, &cap) != 0) goto fail;
                y++;
            }
            #undef REPEATS
        } else {
            while (y < e->height && kinds[y] != CPNGEncoder_rowStatic && kinds[y] != CPNGEncoder_rowInSpan) y++;
            uint32_t count = y - first;
            uint8_t *raw = e->scratch;
            for (uint32_t r = 0; r < count; r++) {
                uint32_t row = first + r;
                dirtyScanline(raw + (size_t)r * rowBytes, rows + (size_t)row * stride, row > 0 ? rows + (size_t)(row - 1) * stride : NULL, stride);
            }
            if (deflateSegment(&e->z, raw, rowBytes * count, &buf, &len, &cap) != 0) goto fail;
            adler = adler32_combine(adler, adler32(1L, raw, (uInt)(rowBytes * count)), (z_off_t)(rowBytes * count));
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
