/* libmicrohttpd, opened on first use (util/dynlib.h says why). Include this instead of
 * <microhttpd.h>; mhd_api_load() must succeed before any MHD_ call. */
#ifndef BW_AUTHZ_MHD_API_H
#define BW_AUTHZ_MHD_API_H
#include <microhttpd.h>
#include <stdbool.h>

#define MHD_API_FUNCS(X)                                                                         \
	X(start_daemon) X(stop_daemon) X(create_response_from_buffer) X(add_response_header)      \
	X(queue_response) X(destroy_response)

#define MHD_API_SLOT(f) __typeof__(MHD_##f) *f;
struct mhd_api {
	MHD_API_FUNCS(MHD_API_SLOT)
};
#undef MHD_API_SLOT
extern struct mhd_api mhd_api;

/* false with *err set when the library or one of its functions is missing. */
bool mhd_api_load(const char **err);

#define MHD_start_daemon mhd_api.start_daemon
#define MHD_stop_daemon mhd_api.stop_daemon
#define MHD_create_response_from_buffer mhd_api.create_response_from_buffer
#define MHD_add_response_header mhd_api.add_response_header
#define MHD_queue_response mhd_api.queue_response
#define MHD_destroy_response mhd_api.destroy_response

#endif
