/* A shared library opened on first use. libcurl and libmicrohttpd bring dozens of libraries
 * with them (Kerberos, LDAP, GnuTLS...); linked in, they cost every run of every command
 * several milliseconds at startup, though only the Engine client and the plugin's server need
 * them. */
#ifndef BW_UTIL_DYNLIB_H
#define BW_UTIL_DYNLIB_H
#include <stdbool.h>
#include <stddef.h>

struct dynlib_sym {
	const char *name;
	void **slot;
};

/* Opens soname and fills every slot; false, with err naming what failed, when one is missing.
 * Not thread-safe: callers load once (pthread_once) before any use. */
bool dynlib_load(const char *soname, const struct dynlib_sym *syms, size_t n, char *err,
                 size_t errlen);

#endif
