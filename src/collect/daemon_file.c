/* daemon.json members -> settings. Scalars keep their text, arrays become lists, objects become
 * "name=value" lists (log-opts); default-ulimits entries become "nofile=64000:64000", the form
 * of the --default-ulimit flag, so rules read one shape whichever source set them. */
#include "collect/daemon_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* How a message shows the value: cut, so a long list does not swamp the message. */
#define SHOW_MAX 160

static char *item_text(const struct dj *v)
{
	return v->t == DJ_STR || v->t == DJ_NUM || v->t == DJ_BOOL ? xstrdup(v->s)
	                                                            : dj_text(v, SHOW_MAX);
}

/* {"Name": "nofile", "Soft": 1024, "Hard": 2048} -> "nofile=1024:2048". */
static char *ulimit_item(const struct dj *m)
{
	const struct dj *soft = dj_member(m, "Soft"), *hard = dj_member(m, "Hard");
	if (m->t != DJ_OBJ || !soft || !hard || soft->t != DJ_NUM || hard->t != DJ_NUM)
		return NULL;
	return xasprintf("%s=%s:%s", m->key, soft->s, hard->s);
}

static void add_map(struct d_setting *s, const struct dj *obj)
{
	for (size_t i = 0; i < obj->n; i++) {
		const struct dj *m = &obj->v[i];
		char *it = !strcmp(s->key, "default-ulimits") ? ulimit_item(m) : NULL;
		if (!it) {
			char *v = item_text(m);
			it = xasprintf("%s=%s", m->key, v ? v : "");
			free(v);
		}
		d_setting_add(s, it);
		free(it);
	}
	s->list = true;
}

static void put_member(struct daemon *d, const char *path, const struct dj *m)
{
	char *shown = dj_text(m, SHOW_MAX);
	char *origin = xasprintf("%s:%d sets \"%s\": %s", path, m->line, m->key, shown);
	struct loc loc = { daemon_path(d, path), m->line };
	struct d_setting *s = daemon_put(d, m->key, DSRC_FILE, loc, origin);
	if (m->t == DJ_ARR) {
		s->list = true;
		for (size_t i = 0; i < m->n; i++) {
			char *it = item_text(&m->v[i]);
			d_setting_add(s, it);
			free(it);
		}
	} else if (m->t == DJ_OBJ) {
		add_map(s, m);
	} else {
		d_setting_value(s, m->s);
	}
	free(origin);
	free(shown);
}

void daemon_json_apply(struct daemon *d, const char *path, const char *text, size_t len,
                       struct findings *errs)
{
	int line = 0;
	const char *msg = NULL;
	size_t i = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0;
	while (i < len && strchr(" \t\r\n", text[i]) && text[i])
		i++;
	if (i == len) {    /* dockerd takes an empty file as no settings */
		d->sources |= DSRC_BIT(DSRC_FILE);
		return;
	}
	struct dj *root = dj_parse(text, len, &line, &msg);
	if (!root) {
		findings_error(errs, path, line, "invalid JSON: %s", msg);
		return;
	}
	if (root->t != DJ_OBJ) {
		findings_error(errs, path, root->line, "not a JSON object of daemon settings");
	} else {
		d->sources |= DSRC_BIT(DSRC_FILE);
		/* Members in order: a repeated key's last occurrence wins, as in dockerd. */
		for (size_t k = 0; k < root->n; k++)
			if (root->v[k].t != DJ_NULL)
				put_member(d, path, &root->v[k]);
	}
	dj_free(root);
}
