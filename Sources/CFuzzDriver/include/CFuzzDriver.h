#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for a program with a main of its own (compiler-rt, FuzzerInterface.h). Declared only: the
/// symbol comes from libFuzzer's runtime, linked by `-sanitize=fuzzer` in `make fuzz`, and tracelabel-fuzz refers
/// to it only when built with `-DFUZZING`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
