#include "rules/sys_dirs.h"
#include <stdbool.h>
#include <stddef.h>

const char *const sys_dirs_kernel[] = { "/dev", "/proc", "/sys", NULL };
const char *const sys_dirs_workdir[] = { "/proc", "/boot", "/dev", "/initrd", "/lost+found",
	                                 NULL };

/* path, with repeated slashes read as one, is dir or lies below it. */
static bool under(const char *p, const char *dir)
{
	for (const char *d = dir; *d; d++) {
		if (*d == '/')
			while (p[0] == '/' && p[1] == '/')
				p++;
		if (*p++ != *d)
			return false;
	}
	return !*p || *p == '/';
}

const char *sys_dir_of(const char *path, const char *const *dirs)
{
	for (size_t i = 0; path && dirs[i]; i++)
		if (under(path, dirs[i]))
			return dirs[i];
	return NULL;
}
