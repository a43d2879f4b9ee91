/* The recorded engine: each GET answered from a JSON file under a directory, for fixtures and
 * offline audits. Paths come partly from recorded data (container ids), so they are checked
 * before they become file names. */
#include "collect/engine.h"
#include "util/util.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* "/a/b": segments that are not empty, "." or "..", so the file stays under the directory. */
static bool safe_path(const char *path, size_t n)
{
	if (n < 2 || path[0] != '/')
		return false;
	for (size_t i = 1; i <= n;) {
		size_t k = i;
		while (k < n && path[k] != '/')
			k++;
		size_t seg = k - i;
		if (seg == 0 || (seg == 1 && path[i] == '.') ||
		    (seg == 2 && path[i] == '.' && path[i + 1] == '.'))
			return false;
		i = k + 1;
	}
	return true;
}

int engine_replay_read(const char *dir, const char *path, json_t **out, char **err)
{
	*out = NULL;
	*err = NULL;
	size_t n = strcspn(path, "?#");
	if (n == 6 && memcmp(path, "/_ping", 6) == 0)
		return 200;
	if (!safe_path(path, n)) {
		*err = xasprintf("GET %s: not a path a recording can hold", path);
		return -1;
	}
	char *file = xasprintf("%s/%.*s.json", dir, (int)(n - 1), path + 1), *text = NULL;
	size_t len = 0;
	int e = engine_slurp(file, ENGINE_BODY_MAX, &text, &len), rc = 200;
	if (e == ENOENT || e == ENOTDIR)
		rc = 404;
	else if (e) {
		*err = xasprintf("GET %s: %s: %s", path, file,
		                 e == EFBIG ? "larger than 256 MiB" : engine_errno_text(e));
		rc = -1;
	} else if (len) {
		json_error_t je;
		*out = json_loadb(text, len, 0, &je);
		if (!*out) {
			char *m = engine_json_error(&je);
			*err = xasprintf("GET %s: %s: %s", path, file, m);
			free(m);
			rc = -1;
		}
	}
	free(text);
	free(file);
	return rc;
}
