/* Which package source wants a file. */
#include "collect/pkg_source.h"

const struct pkg_source *pkg_source_for(const char *path, unsigned mode)
{
	for (const struct pkg_source *s = pkg_sources_os; s->name; s++)
		if (s->wants(path, mode))
			return s;
	for (const struct pkg_source *s = pkg_sources_lang; s->name; s++)
		if (s->wants(path, mode))
			return s;
	return NULL;
}
