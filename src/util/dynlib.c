#include "util/dynlib.h"
#include <dlfcn.h>
#include <stdio.h>

bool dynlib_load(const char *soname, const struct dynlib_sym *syms, size_t n, char *err,
                 size_t errlen)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, errlen, "cannot load %s: %s", soname, dlerror());
		return false;
	}
	for (size_t k = 0; k < n; k++)
		if (!(*syms[k].slot = dlsym(h, syms[k].name))) {
			snprintf(err, errlen, "%s has no %s", soname, syms[k].name);
			return false;
		}
	return true;   /* the handle stays open for the life of the process */
}
