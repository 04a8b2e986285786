#include <zint.h>

/* Swift must never touch zint_symbol.encoded_data (a 200x144 array): the compiler
   hangs for minutes importing it. These accessors read it on the C side. */
static inline int CZint_moduleIsSet(const struct zint_symbol *symbol, int row, int col) {
    return (symbol->encoded_data[row][col >> 3] >> (col & 7)) & 1;
}
static inline const char *CZint_errorText(const struct zint_symbol *symbol) {
    return symbol->errtxt;
}
static inline int CZint_rows(const struct zint_symbol *symbol) { return symbol->rows; }
static inline int CZint_width(const struct zint_symbol *symbol) { return symbol->width; }
static inline float CZint_rowHeight(const struct zint_symbol *symbol, int row) { return symbol->row_height[row]; }
