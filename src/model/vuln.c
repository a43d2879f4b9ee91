/* Frees and copies a vulnerability record. */
#include "model/vuln.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

void vuln_rec_clear(struct vuln_rec *r)
{
	for (size_t i = 0; i < r->naliases; i++)
		free(r->aliases[i]);
	free(r->aliases);
	for (size_t i = 0; i < r->nranges; i++) {
		for (size_t j = 0; j < r->ranges[i].nevents; j++)
			free(r->ranges[i].events[j].version);
		free(r->ranges[i].events);
	}
	free(r->ranges);
	for (size_t i = 0; i < r->nversions; i++)
		free(r->versions[i]);
	free(r->versions);
	free(r->id), free(r->summary), free(r->modified), free(r->withdrawn);
	free(r->cvss_vector), free(r->severity), free(r->urgency), free(r->package);
	free(r->ecosystem);
}

static char **strs_copy(char *const *v, size_t n)
{
	char **c = n ? xcalloc(n, sizeof *c) : NULL;
	for (size_t i = 0; i < n; i++)
		c[i] = xstrdup(v[i]);
	return c;
}

static struct osv_range *ranges_copy(const struct osv_range *r, size_t n)
{
	struct osv_range *c = n ? xcalloc(n, sizeof *c) : NULL;
	for (size_t i = 0; i < n; i++) {
		c[i].type = r[i].type, c[i].nevents = r[i].nevents;
		c[i].events = r[i].nevents ? xcalloc(r[i].nevents, sizeof *c[i].events) : NULL;
		for (size_t j = 0; j < r[i].nevents; j++)
			c[i].events[j] = (struct osv_event){ r[i].events[j].kind,
			                                     xstrdup(r[i].events[j].version) };
	}
	return c;
}

void vuln_rec_copy(struct vuln_rec *dst, const struct vuln_rec *src)
{
	*dst = *src;
	dst->aliases = strs_copy(src->aliases, src->naliases);
	dst->versions = strs_copy(src->versions, src->nversions);
	dst->ranges = ranges_copy(src->ranges, src->nranges);
	dst->id = xstrdup(src->id), dst->summary = xstrdup(src->summary);
	dst->modified = xstrdup(src->modified), dst->withdrawn = xstrdup(src->withdrawn);
	dst->cvss_vector = xstrdup(src->cvss_vector), dst->severity = xstrdup(src->severity);
	dst->urgency = xstrdup(src->urgency), dst->package = xstrdup(src->package);
	dst->ecosystem = xstrdup(src->ecosystem);
}
