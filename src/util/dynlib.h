/* A shared library opened on first use. libcurl, libarchive and libmicrohttpd bring dozens of
 * libraries with them (Kerberos, LDAP, GnuTLS, libxml2, ICU...); linked in, they cost every run
 * of every command milliseconds at startup, though only the Engine client, the layer reader and
 * the plugin's server need them. */
#ifndef BW_UTIL_DYNLIB_H
#define BW_UTIL_DYNLIB_H
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct dynlib_sym {
	const char *name;
	void **slot;
};

struct dynlib {
	const char *soname;
	const struct dynlib_sym *syms;
	size_t nsyms;
	bool (*after)(char *err, size_t errlen);   /* once, after every slot is filled; or NULL */
	/* state */
	pthread_mutex_t mu;
	atomic_bool tried;   /* set last: a call after the first one takes no lock (a hot path's) */
	bool ok;
	char err[256];
};

#define DYNLIB(so, table, after_fn)                                                             \
	{ .soname = (so), .syms = (table), .nsyms = sizeof(table) / sizeof *(table),               \
	  .after = (after_fn), .mu = PTHREAD_MUTEX_INITIALIZER }

/* Opens the library and fills every slot, the first time only; false, with *err naming what is
 * missing, when it cannot. Thread-safe. */
bool dynlib_ready(struct dynlib *l, const char **err);

/* dynlib_ready, or exit 2 naming what is missing: for a library bulwark's package depends on,
 * whose first call has no error path of its own to report through. */
void dynlib_need(struct dynlib *l);

#endif
