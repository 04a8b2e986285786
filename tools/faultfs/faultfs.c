// faultfs: an LD_PRELOAD library that injects storage faults into one process, for TraceLabel's tests only
// (PowerLossTests builds it with the toolchain's clang and runs `tracelabel` under it). It wraps write(2),
// fsync(2) and fdatasync(2) for the files whose path contains FAULTFS_PATH and counts their calls:
//
//   FAULTFS_POWER_LOSS_AT_SYNC=N  at the Nth sync the machine "loses power": the file is cut back to a length
//                                 between its size at its last successful sync and its size now (a power cut
//                                 keeps any prefix of unsynced appends), and the process dies at once (exit 137)
//                                 without the sync;
//   FAULTFS_FAIL_SYNC_AT=N        the Nth sync fails with EIO (and so does every later one: the data is gone);
//   FAULTFS_ENOSPC_AT_WRITE=N     the Nth write stores half its bytes and the next call fails with ENOSPC, as a
//                                 disk filling up mid-append does; FAULTFS_ENOSPC_AT_WRITE=N with
//                                 FAULTFS_ENOSPC_ALL=1 makes every write from the Nth on fail.
//   FAULTFS_SEED                  seeds the cut point of a power loss.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FD 4096
static off_t synced[MAX_FD];
static char known[MAX_FD];
static long writes, syncs;
static int failing_syncs, enospc_pending;

static long env_long(const char *name) {
    const char *v = getenv(name);
    return v ? atol(v) : 0;
}

static int affected(int fd) {
    const char *want = getenv("FAULTFS_PATH");
    if (!want || fd < 0 || fd >= MAX_FD) return 0;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return 0;
    path[n] = 0;
    return strstr(path, want) != NULL;
}

static off_t size_of(int fd) {
    struct stat st;
    return fstat(fd, &st) == 0 ? st.st_size : 0;
}

static void remember(int fd) {
    if (!known[fd]) { known[fd] = 1; synced[fd] = size_of(fd); }
}

ssize_t write(int fd, const void *buf, size_t count) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real) real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (!affected(fd)) return real(fd, buf, count);
    remember(fd);
    writes++;
    long at = env_long("FAULTFS_ENOSPC_AT_WRITE");
    if (enospc_pending || (at > 0 && writes > at && env_long("FAULTFS_ENOSPC_ALL"))) { errno = ENOSPC; return -1; }
    if (at > 0 && writes == at && count > 1) {
        enospc_pending = 1;
        return real(fd, buf, count / 2);
    }
    return real(fd, buf, count);
}

static int sync_common(int fd, int (*real)(int)) {
    if (!affected(fd)) return real(fd);
    remember(fd);
    syncs++;
    long loss = env_long("FAULTFS_POWER_LOSS_AT_SYNC");
    if (loss > 0 && syncs == loss) {
        off_t now = size_of(fd), kept = synced[fd];
        srand((unsigned)env_long("FAULTFS_SEED"));
        if (now > kept) kept += (off_t)(rand() % (now - kept + 1));
        if (ftruncate(fd, kept) != 0) _exit(138);
        _exit(137);
    }
    long fail = env_long("FAULTFS_FAIL_SYNC_AT");
    if (failing_syncs || (fail > 0 && syncs == fail)) { failing_syncs = 1; errno = EIO; return -1; }
    int r = real(fd);
    if (r == 0) synced[fd] = size_of(fd);
    return r;
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    return sync_common(fd, real);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    return sync_common(fd, real);
}
