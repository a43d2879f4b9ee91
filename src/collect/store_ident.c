/* This machine's identity for the fleet store. */
#include "collect/store_run.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *store_machine_id(void)
{
	static const char *const paths[] = { "/etc/machine-id", "/var/lib/dbus/machine-id" };
	for (size_t i = 0; i < 2; i++) {
		char buf[64] = "";
		FILE *fp = fopen(paths[i], "re");
		if (!fp)
			continue;
		bool got = fgets(buf, sizeof buf, fp) != NULL;
		fclose(fp);
		size_t n = strspn(buf, "0123456789abcdefABCDEF");
		if (got && n == 32)
			return xstrndup(buf, n);
	}
	return NULL;
}

char *store_host_name(void)
{
	char buf[256] = "";
	if (gethostname(buf, sizeof buf - 1) != 0 || !*buf)
		return xstrdup("localhost");
	return xstrdup(buf);
}
