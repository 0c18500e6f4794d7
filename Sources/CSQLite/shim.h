#ifndef SALES_CSQLITE_SHIM_H
#define SALES_CSQLITE_SHIM_H
#include <sqlite3.h>
#include <sys/vfs.h>

/// SQLITE_TRANSIENT and SQLITE_STATIC are casts of integers to function pointers, which Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }

/// Binds bytes that SQLite copies (the caller's buffer may be reused right after).
static inline int csqlite_bind_text_transient(sqlite3_stmt *s, int i, const char *p, int n) {
    return sqlite3_bind_text(s, i, p, n, SQLITE_TRANSIENT);
}
/// Binds bytes that stay valid until the statement is reset or rebound.
static inline int csqlite_bind_text_static(sqlite3_stmt *s, int i, const char *p, int n) {
    return sqlite3_bind_text(s, i, p, n, SQLITE_STATIC);
}
static inline int csqlite_bind_blob_transient(sqlite3_stmt *s, int i, const void *p, int n) {
    return sqlite3_bind_blob(s, i, p, n, SQLITE_TRANSIENT);
}
/// The file system type (`statfs` f_type) of the file system holding `path`, or -1 when it cannot be read:
/// the store refuses network file systems, where WAL's shared memory does not work.
static inline long long csqlite_filesystem_type(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return -1;
    return (long long)(unsigned long)info.f_type;
}
#endif
