// Linux file-system calls that Glibc's Swift module does not export (they need _GNU_SOURCE): called through C, with
// the C calling convention, as swift-nio's CNIOLinux does, rather than declared in Swift with @_silgen_name.
#ifndef CLINUXFS_H
#define CLINUXFS_H

/// renameat2(2) flag: fail with EEXIST instead of replacing the target.
#define CLINUXFS_RENAME_NOREPLACE 1u

/// renameat2(2).
int clinuxfs_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);

/// syncfs(2).
int clinuxfs_syncfs(int fd);

#endif
