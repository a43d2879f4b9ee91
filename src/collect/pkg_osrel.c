/* os-release(5): KEY=value lines, the value maybe quoted in shell style. ID, VERSION_ID and
 * VERSION_CODENAME name the distribution, which collect/distro.c maps to its OSV ecosystem. */
#include "collect/distro.h"
#include "collect/pkg_os.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* The value of s[0..n) unquoted: "…" with \" \\ \$ \` escapes, '…' literal, or bare. */
static char *unquote(const char *s, size_t n)
{
	struct buf b = { 0 };
	buf_reserve(&b, n);
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		char q = s[0];
		for (size_t i = 1; i + 1 < n; i++) {
			if (q == '"' && s[i] == '\\' && i + 2 < n && strchr("\"\\$`", s[i + 1]))
				i++;
			buf_addc(&b, s[i]);
		}
	} else {
		buf_add(&b, s, n);
	}
	return buf_take(&b);
}

enum { K_ID, K_VID, K_CODE, K_VERSION, K_PRETTY, K_N };
static const char *const keys[K_N] = { "ID", "VERSION_ID", "VERSION_CODENAME", "VERSION",
                                       "PRETTY_NAME" };

bool pkg_osrel_parse(PKG_PARSE_ARGS)
{
	(void)path, (void)layer, (void)err, (void)errlen;
	char *v[K_N] = { 0 };
	struct pkg_lines l = { data, data + len, 0 };
	const char *p;
	size_t n;
	while (pkg_next_line(&l, &p, &n)) {
		const char *eq = memchr(p, '=', n);
		if (!eq || n > 4096)
			continue;
		for (int k = 0; k < K_N; k++)
			if (strlen(keys[k]) == (size_t)(eq - p) && memcmp(p, keys[k], (size_t)(eq - p)) == 0) {
				free(v[k]);
				v[k] = unquote(eq + 1, (size_t)(p + n - eq - 1));
			}
	}
	const char *e[K_N];
	for (int k = 0; k < K_N; k++)
		e[k] = v[k] ? v[k] : "";
	free(inv->os.id), free(inv->os.version_id), free(inv->os.codename), free(inv->os.ecosystem);
	inv->os.ecosystem = distro_ecosystem(e[K_ID], e[K_VID], e[K_VERSION], e[K_PRETTY]);
	inv->os.known = inv->os.ecosystem != NULL;
	inv->os.id = v[K_ID], inv->os.version_id = v[K_VID], inv->os.codename = v[K_CODE];
	inv->have_os = true;
	free(v[K_VERSION]);
	free(v[K_PRETTY]);
	return true;
}
