#ifndef SALES_CSQLITE_SHIM_H
#define SALES_CSQLITE_SHIM_H
#include <sqlite3.h>
#include <stdio.h>
#include <sys/vfs.h>

/// SQLITE_TRANSIENT and SQLITE_STATIC are casts of integers to function pointers, which Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }

/// Binds bytes that SQLite copies (the caller's buffer may be reused right after).
static inline int csqlite_bind_text_transient(sqlite3_stmt *s, int i, const char *p, int n) {
    return sqlite3_bind_text(s, i, p, n, SQLITE_TRANSIENT);
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
/// Turns off SQLite's memory statistics before its first use. With them on, every allocation takes one
/// process-wide mutex, and connections working on several threads at once queue behind it. Returns
/// SQLITE_MISUSE, harmlessly, once SQLite is initialised.
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/// Development aid: prints to stderr every statement that took at least `threshold_ms` milliseconds
/// (`SQLITE_TRACE_PROFILE`), with its time. Enabled by the tools when `$SALES_SQL_PROFILE` is set.
static int csqlite_profile_callback(unsigned type, void *context, void *statement, void *nanoseconds) {
    long long threshold = (long long)(long)context * 1000000LL;
    long long elapsed = *(long long *)nanoseconds;
    if (type != SQLITE_TRACE_PROFILE || elapsed < threshold) return 0;
    char *sql = sqlite3_expanded_sql((sqlite3_stmt *)statement);
    const char *text = sql ? sql : sqlite3_sql((sqlite3_stmt *)statement);
    fprintf(stderr, "sql-profile %8.1f ms  %.300s\n", (double)elapsed / 1e6, text ? text : "");
    sqlite3_free(sql);
    return 0;
}
static inline void csqlite_enable_profile(sqlite3 *db, int threshold_ms) {
    sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, csqlite_profile_callback, (void *)(long)threshold_ms);
}
#endif
