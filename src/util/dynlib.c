#include "util/dynlib.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static bool load(struct dynlib *l)
{
	void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(l->err, sizeof l->err, "cannot load %s: %s", l->soname, dlerror());
		return false;
	}
	for (size_t k = 0; k < l->nsyms; k++)
		if (!(*l->syms[k].slot = dlsym(h, l->syms[k].name))) {
			snprintf(l->err, sizeof l->err, "%s has no %s", l->soname, l->syms[k].name);
			return false;
		}
	/* the handle stays open for the life of the process */
	return !l->after || l->after(l->err, sizeof l->err);
}

bool dynlib_ready(struct dynlib *l, const char **err)
{
	if (!atomic_load_explicit(&l->tried, memory_order_acquire)) {
		pthread_mutex_lock(&l->mu);
		if (!atomic_load_explicit(&l->tried, memory_order_relaxed)) {
			l->ok = load(l);
			atomic_store_explicit(&l->tried, true, memory_order_release);
		}
		pthread_mutex_unlock(&l->mu);
	}
	if (!l->ok && err)
		*err = l->err;
	return l->ok;
}

void dynlib_need(struct dynlib *l)
{
	const char *err;
	if (dynlib_ready(l, &err))
		return;
	fprintf(stderr, "bulwark: %s\n", err);
	exit(2);
}
