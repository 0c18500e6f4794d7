#ifndef SALES_FAULTVFS_H
#define SALES_FAULTVFS_H

/// A test-only SQLite VFS that wraps the default one and fails one chosen write or sync.
///
/// Only files whose path starts with the prefix given to `faultvfs_watch` are counted and failed, so
/// tests running at the same time in the same process are not disturbed.
/// `faultvfs_install()` registers it as the default VFS (connections opened afterwards use it);
/// `faultvfs_arm(n)` makes the n-th write or sync from then on fail with SQLITE_IOERR_WRITE or
/// SQLITE_IOERR_FSYNC (0 disarms); `faultvfs_operations()` counts the writes and syncs since the last
/// arm; `faultvfs_fired()` says whether the armed failure happened. Not thread-safe: one test at a time.
int faultvfs_install(void);
int faultvfs_uninstall(void);
void faultvfs_watch(const char *path_prefix);
void faultvfs_arm(long n);
long faultvfs_operations(void);
int faultvfs_fired(void);

#endif
