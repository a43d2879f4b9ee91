/* SQLite, opened on first use (util/dynlib.h says why: linked, its relocations cost every
 * `bulwark lint` about a tenth of its start). Include this instead of <sqlite3.h>. The calls
 * that can come first load the library (exit 2 if it cannot): sqlite3_open_v2 and
 * sqlite3_malloc64, and those an error path may make with NULL before either (free, close,
 * errmsg). Every other call takes what open_v2 returned. */
#ifndef BW_COLLECT_SQLITE_API_H
#define BW_COLLECT_SQLITE_API_H
#include <sqlite3.h>

#define SQLITE_API_FUNCS(X)                                                                      \
	X(bind_blob64) X(bind_double) X(bind_int) X(bind_int64) X(bind_null) X(bind_text)        \
	X(bind_parameter_index) X(column_count)                                                  \
	X(busy_timeout) X(changes) X(clear_bindings) X(close) X(column_blob) X(column_bytes)     \
	X(column_double) X(column_int) X(column_int64) X(column_text) X(db_config) X(deserialize)\
	X(errmsg) X(exec) X(finalize) X(free) X(last_insert_rowid) X(malloc64) X(open_v2)        \
	X(prepare_v2) X(reset) X(step)

#define SQLITE_API_SLOT(f) __typeof__(sqlite3_##f) *f;
struct sqlite_api {
	SQLITE_API_FUNCS(SQLITE_API_SLOT)
};
#undef SQLITE_API_SLOT
extern struct sqlite_api sqlite_api;

void sqlite_api_need(void);

#define sqlite3_bind_blob64 sqlite_api.bind_blob64
#define sqlite3_bind_double sqlite_api.bind_double
#define sqlite3_bind_int sqlite_api.bind_int
#define sqlite3_bind_int64 sqlite_api.bind_int64
#define sqlite3_bind_null sqlite_api.bind_null
#define sqlite3_bind_text sqlite_api.bind_text
#define sqlite3_bind_parameter_index sqlite_api.bind_parameter_index
#define sqlite3_column_count sqlite_api.column_count
#define sqlite3_busy_timeout sqlite_api.busy_timeout
#define sqlite3_changes sqlite_api.changes
#define sqlite3_clear_bindings sqlite_api.clear_bindings
#define sqlite3_close (sqlite_api_need(), sqlite_api.close)
#define sqlite3_column_blob sqlite_api.column_blob
#define sqlite3_column_bytes sqlite_api.column_bytes
#define sqlite3_column_double sqlite_api.column_double
#define sqlite3_column_int sqlite_api.column_int
#define sqlite3_column_int64 sqlite_api.column_int64
#define sqlite3_column_text sqlite_api.column_text
#define sqlite3_db_config sqlite_api.db_config
#define sqlite3_deserialize sqlite_api.deserialize
#define sqlite3_errmsg (sqlite_api_need(), sqlite_api.errmsg)
#define sqlite3_exec sqlite_api.exec
#define sqlite3_finalize sqlite_api.finalize
#define sqlite3_free (sqlite_api_need(), sqlite_api.free)
#define sqlite3_last_insert_rowid sqlite_api.last_insert_rowid
#define sqlite3_malloc64 (sqlite_api_need(), sqlite_api.malloc64)
#define sqlite3_open_v2 (sqlite_api_need(), sqlite_api.open_v2)
#define sqlite3_prepare_v2 sqlite_api.prepare_v2
#define sqlite3_reset sqlite_api.reset
#define sqlite3_step sqlite_api.step

#endif
