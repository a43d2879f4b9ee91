#include "collect/baseline.h"
#include "util/util.h"
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The findings' fingerprints, or the reason doc is no report bulwark can take as a baseline.
 * Only shown findings count: suppressed ones were never accepted, only silenced. */
static const char *take(json_t *doc, struct baseline *b)
{
	json_t *schema = json_object_get(doc, "schema"), *v = json_object_get(doc, "findings"), *f;
	size_t i;
	if (!json_is_string(schema) || strcmp(json_string_value(schema), "bulwark/findings/v1") ||
	    !json_is_array(v))
		return "not a bulwark JSON report (--format json)";
	b->v = xcalloc(json_array_size(v) + 1, sizeof *b->v);
	json_array_foreach(v, i, f) {
		json_t *fp = json_object_get(f, "fingerprint");
		if (!json_is_string(fp))
			return "its findings have no fingerprint: the report is from an older bulwark; "
			       "make a new baseline with --format json";
		b->v[b->n++] = xstrdup(json_string_value(fp));
	}
	qsort(b->v, b->n, sizeof *b->v, cmp_str);
	return NULL;
}

/* doc parsed from path (NULL: je says why) into b. */
static bool finish(const char *path, json_t *doc, const json_error_t *je, struct baseline *b,
                   struct findings *out)
{
	if (!doc) {
		findings_error(out, path, je->line > 0 ? je->line : 0,
		               "invalid JSON in the baseline: %s", je->text);
		return false;
	}
	const char *why = take(doc, b);
	json_decref(doc);
	if (why) {
		baseline_free(b);
		findings_error(out, path, 0, "%s", why);
	}
	return !why;
}

bool baseline_read(const char *path, struct baseline *b, struct findings *out)
{
	json_error_t je;
	*b = (struct baseline){ 0 };
	struct stat st;
	FILE *fp = fopen(path, "r");
	if (fp && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		fp = NULL;
		errno = EISDIR;
	}
	if (!fp) {
		findings_error(out, path, 0, "cannot read the baseline: %s", strerror(errno));
		return false;
	}
	json_t *doc = json_loadf(fp, JSON_REJECT_DUPLICATES, &je);
	fclose(fp);
	return finish(path, doc, &je, b, out);
}

bool baseline_parse(const char *path, const char *text, size_t len, struct baseline *b,
                    struct findings *out)
{
	json_error_t je;
	*b = (struct baseline){ 0 };
	return finish(path, json_loadb(text, len, JSON_REJECT_DUPLICATES, &je), &je, b, out);
}

bool baseline_has(const struct baseline *b, const char *fingerprint)
{
	return fingerprint && b->n &&
	       bsearch(&fingerprint, b->v, b->n, sizeof *b->v, cmp_str) != NULL;
}

void baseline_free(struct baseline *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i]);
	free(b->v);
	*b = (struct baseline){ 0 };
}
