/* libarchive, opened on first use (util/dynlib.h says why: its libxml2 and ICU cost every run
 * of every command a millisecond or two). Include this instead of <archive.h> and
 * <archive_entry.h>; archive_api_load() must succeed before any archive_ call. */
#ifndef BW_COLLECT_ARCHIVE_API_H
#define BW_COLLECT_ARCHIVE_API_H
#include <archive.h>
#include <archive_entry.h>
#include <stdbool.h>

#define ARCHIVE_API_FUNCS(X)                                                                     \
	X(read_new) X(read_support_format_tar) X(read_open) X(read_open_fd)                        \
	X(read_next_header) X(read_data_block) X(read_header_position) X(read_free)               \
	X(error_string) X(set_error) X(entry_pathname) X(entry_size) X(entry_mode)                \
	X(entry_filetype) X(entry_uid) X(entry_gid) X(entry_symlink) X(entry_hardlink)            \
	X(entry_sparse_count) X(read_support_format_zip) X(read_open_memory) X(read_data)        \
	X(read_support_filter_all) X(read_support_format_raw)

#define ARCHIVE_API_SLOT(f) __typeof__(archive_##f) *f;
struct archive_api {
	ARCHIVE_API_FUNCS(ARCHIVE_API_SLOT)
};
#undef ARCHIVE_API_SLOT
extern struct archive_api archive_api;

/* false with *err set when the library or one of its functions is missing. */
bool archive_api_load(const char **err);

#define archive_read_new archive_api.read_new
#define archive_read_support_format_tar archive_api.read_support_format_tar
#define archive_read_open archive_api.read_open
#define archive_read_open_fd archive_api.read_open_fd
#define archive_read_next_header archive_api.read_next_header
#define archive_read_data_block archive_api.read_data_block
#define archive_read_header_position archive_api.read_header_position
#define archive_read_free archive_api.read_free
#define archive_error_string archive_api.error_string
#define archive_set_error archive_api.set_error
#define archive_entry_pathname archive_api.entry_pathname
#define archive_entry_size archive_api.entry_size
#define archive_entry_mode archive_api.entry_mode
#define archive_entry_filetype archive_api.entry_filetype
#define archive_entry_uid archive_api.entry_uid
#define archive_entry_gid archive_api.entry_gid
#define archive_entry_symlink archive_api.entry_symlink
#define archive_entry_hardlink archive_api.entry_hardlink
#define archive_entry_sparse_count archive_api.entry_sparse_count
#define archive_read_support_format_zip archive_api.read_support_format_zip
#define archive_read_open_memory archive_api.read_open_memory
#define archive_read_data archive_api.read_data
#define archive_read_support_filter_all archive_api.read_support_filter_all
#define archive_read_support_format_raw archive_api.read_support_format_raw

#endif
