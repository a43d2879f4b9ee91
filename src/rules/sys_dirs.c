#include "rules/sys_dirs.h"
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

const char *const sys_dirs_kernel[] = { "/dev", "/proc", "/sys", NULL };
const char *const sys_dirs_workdir[] = { "/proc", "/boot", "/dev", "/initrd", "/lost+found",
	                                 NULL };

/* path with repeated slashes skipped is dir, or dir followed by '/'. */
static bool under(const char *p, const char *dir, char quote)
{
	for (const char *d = dir; *d; d++) {
		if (*d == '/')
			while (p[0] == '/' && p[1] == '/')
				p++;
		if (*p++ != *d)
			return false;
	}
	return !*p || *p == '/' || (quote && *p == quote && !p[1]);
}

const char *sys_dir_of(const char *path, const char *const *dirs)
{
	char quote = 0;
	if (!path)
		return NULL;
	if (*path == '"' || *path == '\'')
		quote = *path++;
	for (size_t i = 0; dirs[i]; i++)
		if (under(path, dirs[i], quote))
			return dirs[i];
	return NULL;
}
