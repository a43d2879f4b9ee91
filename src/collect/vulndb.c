/* Placeholder until the store lands: no store can be opened or imported. */
#include "collect/vulndb.h"
#include <stdio.h>
#include <stdlib.h>

const char *vulndb_default_path(char *buf, size_t n)
{
	const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
	if (x && *x)
		snprintf(buf, n, "%s/bulwark/vulns.db", x);
	else if (h && *h)
		snprintf(buf, n, "%s/.local/share/bulwark/vulns.db", h);
	else
		return NULL;
	return buf;
}

struct vulndb *vulndb_open(const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: no vulnerability store support yet", path);
	return NULL;
}

void vulndb_close(struct vulndb *db)
{
	(void)db;
}

long vulndb_lookup(struct vulndb *db, const char *ecosystem, const char *name,
                   struct vuln_rec **out, char *err, size_t errlen)
{
	(void)db, (void)ecosystem, (void)name;
	*out = NULL;
	snprintf(err, errlen, "no vulnerability store support yet");
	return -1;
}

long vulndb_status(struct vulndb *db, struct vulndb_eco_status **out, char *err, size_t errlen)
{
	(void)db;
	*out = NULL;
	snprintf(err, errlen, "no vulnerability store support yet");
	return -1;
}

void vulndb_status_free(struct vulndb_eco_status *v, size_t n)
{
	(void)v, (void)n;
}

char *vulndb_newest(struct vulndb *db)
{
	(void)db;
	return NULL;
}

long vulndb_import(const char *path, const char *const *inputs, size_t ninputs, char *err,
                   size_t errlen)
{
	(void)inputs, (void)ninputs;
	snprintf(err, errlen, "%s: no vulnerability store support yet", path);
	return -1;
}
