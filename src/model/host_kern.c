#include "model/host_kern.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void found_free(struct host_found *f)
{
	free(f->what);
	free(f->path);
}

void host_kern_free(struct host_kern *x)
{
	for (size_t i = 0; i < x->nsysctls; i++) {
		free(x->sysctls[i].value);
		free(x->sysctls[i].path);
	}
	free(x->sysctls);
	for (size_t i = 0; i < x->nmodules; i++)
		free(x->modules[i].name);
	free(x->modules);
	free(x->modules_path);
	found_free(&x->time);
	found_free(&x->logs);
	memset(x, 0, sizeof *x);
}

const struct host_sysctl *host_kern_sysctl(const struct host_kern *k, const char *name)
{
	for (size_t i = 0; k->sysctl_known && i < k->nsysctls; i++)
		if (!strcmp(k->sysctls[i].name, name))
			return k->sysctls[i].value ? &k->sysctls[i] : NULL;
	return NULL;
}

bool host_sysctl_long(const struct host_sysctl *s, long *v)
{
	char *end;
	if (!s || !s->value || !*s->value)
		return false;
	errno = 0;
	*v = strtol(s->value, &end, 10);
	return errno == 0 && *end == '\0';
}

/* Module names are stored with underscores; modprobe takes either. */
static bool same_module(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && !((*a == '-' || *a == '_') && (*b == '-' || *b == '_')))
			return false;
	return *a == *b;
}

const struct host_module *host_kern_module(const struct host_kern *k, const char *name)
{
	for (size_t i = 0; k->modules_known && i < k->nmodules; i++)
		if (same_module(k->modules[i].name, name))
			return &k->modules[i];
	return NULL;
}
