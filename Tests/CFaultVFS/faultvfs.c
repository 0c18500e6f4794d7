#include "faultvfs.h"
#include <sqlite3.h>
#include <string.h>

typedef struct FaultFile {
    sqlite3_file base;   /* pMethods = the fault methods */
    int watched;         /* the file's path starts with the armed prefix */
    sqlite3_file *real;  /* the wrapped file, allocated right after this struct */
} FaultFile;

static sqlite3_vfs *wrapped = 0;
static sqlite3_vfs fault_vfs;
static long armed_at = 0;
static long operations = 0;
static int fired = 0;
static char prefix[4096] = "";

/* Counts one write or sync; returns 1 when it is the one to fail. */
static int should_fail(sqlite3_file *f) {
    if (!((FaultFile *)f)->watched) return 0;
    operations += 1;
    if (armed_at > 0 && operations == armed_at) {
        fired = 1;
        return 1;
    }
    return 0;
}

#define REAL(f) (((FaultFile *)(f))->real)

static int f_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), p, n, o); }
static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 o) {
    if (should_fail(f)) return SQLITE_IOERR_WRITE;
    return REAL(f)->pMethods->xWrite(REAL(f), p, n, o);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size) { return REAL(f)->pMethods->xTruncate(REAL(f), size); }
static int f_sync(sqlite3_file *f, int flags) {
    if (should_fail(f)) return SQLITE_IOERR_FSYNC;
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size) { return REAL(f)->pMethods->xFileSize(REAL(f), size); }
static int f_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int f_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int f_check(sqlite3_file *f, int *out) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out); }
static int f_control(sqlite3_file *f, int op, void *arg) { return REAL(f)->pMethods->xFileControl(REAL(f), op, arg); }
static int f_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int f_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int f_shm_map(sqlite3_file *f, int i, int size, int extend, void volatile **p) {
    return REAL(f)->pMethods->xShmMap(REAL(f), i, size, extend, p);
}
static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags) {
    return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}
static void f_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int f_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }
static int f_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return REAL(f)->pMethods->xFetch(REAL(f), o, n, p); }
static int f_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL(f)->pMethods->xUnfetch(REAL(f), o, p); }

static const sqlite3_io_methods fault_methods = {
    3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock, f_check, f_control,
    f_sector, f_device, f_shm_map, f_shm_lock, f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out) {
    (void)vfs;
    FaultFile *ff = (FaultFile *)file;
    ff->real = (sqlite3_file *)&ff[1];
    ff->watched = name && prefix[0] && strncmp(name, prefix, strlen(prefix)) == 0;
    int rc = wrapped->xOpen(wrapped, name, ff->real, flags, out);
    /* The wrapped VFS may lack the shared-memory methods (iVersion < 2); WAL needs them, ours forward them. */
    file->pMethods = (rc == SQLITE_OK && ff->real->pMethods) ? &fault_methods : 0;
    return rc;
}
static int v_delete(sqlite3_vfs *v, const char *n, int d) { (void)v; return wrapped->xDelete(wrapped, n, d); }
static int v_access(sqlite3_vfs *v, const char *n, int f, int *o) { (void)v; return wrapped->xAccess(wrapped, n, f, o); }
static int v_full(sqlite3_vfs *v, const char *n, int s, char *o) { (void)v; return wrapped->xFullPathname(wrapped, n, s, o); }
static void *v_dlopen(sqlite3_vfs *v, const char *n) { (void)v; return wrapped->xDlOpen(wrapped, n); }
static void v_dlerror(sqlite3_vfs *v, int n, char *m) { (void)v; wrapped->xDlError(wrapped, n, m); }
static void (*v_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { (void)v; return wrapped->xDlSym(wrapped, h, s); }
static void v_dlclose(sqlite3_vfs *v, void *h) { (void)v; wrapped->xDlClose(wrapped, h); }
static int v_random(sqlite3_vfs *v, int n, char *o) { (void)v; return wrapped->xRandomness(wrapped, n, o); }
static int v_sleep(sqlite3_vfs *v, int us) { (void)v; return wrapped->xSleep(wrapped, us); }
static int v_time(sqlite3_vfs *v, double *t) { (void)v; return wrapped->xCurrentTime(wrapped, t); }
static int v_error(sqlite3_vfs *v, int n, char *m) { (void)v; return wrapped->xGetLastError ? wrapped->xGetLastError(wrapped, n, m) : 0; }
static int v_time64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; return wrapped->xCurrentTimeInt64(wrapped, t); }

int faultvfs_install(void) {
    if (wrapped) return SQLITE_OK;
    sqlite3_initialize();
    wrapped = sqlite3_vfs_find(0);
    if (!wrapped || wrapped->iVersion < 2) return SQLITE_ERROR;
    memset(&fault_vfs, 0, sizeof fault_vfs);
    fault_vfs.iVersion = 2;
    fault_vfs.szOsFile = (int)sizeof(FaultFile) + wrapped->szOsFile;
    fault_vfs.mxPathname = wrapped->mxPathname;
    fault_vfs.zName = "sales-fault";
    fault_vfs.xOpen = v_open;
    fault_vfs.xDelete = v_delete;
    fault_vfs.xAccess = v_access;
    fault_vfs.xFullPathname = v_full;
    fault_vfs.xDlOpen = v_dlopen;
    fault_vfs.xDlError = v_dlerror;
    fault_vfs.xDlSym = v_dlsym;
    fault_vfs.xDlClose = v_dlclose;
    fault_vfs.xRandomness = v_random;
    fault_vfs.xSleep = v_sleep;
    fault_vfs.xCurrentTime = v_time;
    fault_vfs.xGetLastError = v_error;
    fault_vfs.xCurrentTimeInt64 = v_time64;
    return sqlite3_vfs_register(&fault_vfs, 1);
}

int faultvfs_uninstall(void) {
    if (!wrapped) return SQLITE_OK;
    int rc = sqlite3_vfs_unregister(&fault_vfs);
    sqlite3_vfs_register(wrapped, 1);
    wrapped = 0;
    return rc;
}

void faultvfs_watch(const char *path_prefix) {
    strncpy(prefix, path_prefix ? path_prefix : "", sizeof prefix - 1);
    prefix[sizeof prefix - 1] = 0;
}

void faultvfs_arm(long n) {
    armed_at = n;
    operations = 0;
    fired = 0;
}

long faultvfs_operations(void) { return operations; }
int faultvfs_fired(void) { return fired; }
