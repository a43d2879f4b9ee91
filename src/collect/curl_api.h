/* libcurl, opened on first use (util/dynlib.h says why). Include this instead of
 * <curl/curl.h>: the curl_* names then call through the loaded table, so call sites read as
 * plain libcurl. curl_api_load() must succeed before any of them is called. */
#ifndef BW_COLLECT_CURL_API_H
#define BW_COLLECT_CURL_API_H
#define CURL_DISABLE_TYPECHECK   /* its checking macros would hide the table's names */
#include <curl/curl.h>
#include <stdbool.h>

#define CURL_API_FUNCS(X)                                                                        \
	X(global_init) X(easy_init) X(easy_duphandle) X(easy_setopt) X(easy_getinfo)              \
	X(easy_perform) X(easy_cleanup) X(easy_strerror) X(easy_pause) X(multi_init)              \
	X(multi_setopt) X(multi_add_handle) X(multi_remove_handle) X(multi_perform)               \
	X(multi_poll) X(multi_info_read) X(multi_cleanup) X(multi_strerror) X(slist_append)       \
	X(slist_free_all)

#define CURL_API_SLOT(f) __typeof__(curl_##f) *f;
struct curl_api {
	CURL_API_FUNCS(CURL_API_SLOT)
};
#undef CURL_API_SLOT
extern struct curl_api curl_api;

/* Loads libcurl and runs curl_global_init once; false with *err set when either fails. */
bool curl_api_load(const char **err);

#undef curl_easy_setopt           /* curl.h's argument-count checks; the table's own */
#undef curl_easy_getinfo          /* pointers are typed just as strictly */
#undef curl_multi_setopt
#define curl_global_init curl_api.global_init
#define curl_easy_init curl_api.easy_init
#define curl_easy_duphandle curl_api.easy_duphandle
#define curl_easy_setopt curl_api.easy_setopt
#define curl_easy_getinfo curl_api.easy_getinfo
#define curl_easy_perform curl_api.easy_perform
#define curl_easy_cleanup curl_api.easy_cleanup
#define curl_easy_strerror curl_api.easy_strerror
#define curl_easy_pause curl_api.easy_pause
#define curl_multi_init curl_api.multi_init
#define curl_multi_setopt curl_api.multi_setopt
#define curl_multi_add_handle curl_api.multi_add_handle
#define curl_multi_remove_handle curl_api.multi_remove_handle
#define curl_multi_perform curl_api.multi_perform
#define curl_multi_poll curl_api.multi_poll
#define curl_multi_info_read curl_api.multi_info_read
#define curl_multi_cleanup curl_api.multi_cleanup
#define curl_multi_strerror curl_api.multi_strerror
#define curl_slist_append curl_api.slist_append
#define curl_slist_free_all curl_api.slist_free_all

#endif
