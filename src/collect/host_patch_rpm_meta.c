/* A repository's primary.xml and updateinfo.xml, as createrepo_c writes them: only the entries
 * naming an installed package of the same architecture (or noarch) are kept. */
#include "collect/host_patch_rpm_int.h"
#include "collect/pkg_os.h"
#include "util/util.h"
#include "util/vers.h"
#include <stdlib.h>
#include <string.h>

enum { F = PKG_FIELD_MAX + 1 };

struct entry {
	char name[F], arch[F], epoch[F], ver[F], rel[F];
	bool bad;                /* a field too long: the entry is not trusted */
};

/* epoch:version-release, the epoch left out when it is 0, as rpm -q shows it. */
static char *evr(const struct entry *e)
{
	bool no_epoch = !e->epoch[0] || strspn(e->epoch, "0") == strlen(e->epoch);
	return no_epoch ? xasprintf("%s-%s", e->ver, e->rel)
	                : xasprintf("%s:%s-%s", e->epoch, e->ver, e->rel);
}

/* Keeps in *slot the highest (want > 0) or lowest (want < 0) of its value and v. */
static void keep(char **slot, const char *v, int want)
{
	if (*slot && vers_cmp(VERS_RPM, v, *slot) * want <= 0)
		return;
	free(*slot);
	*slot = xstrdup(v);
}

/* The entry against every installed package of its name: sec says it comes from a security
 * advisory. A version is offered for the installed architecture or noarch. */
static void offer(const struct hp_db *db, const bool *top, struct rpm_offers *o,
                  const struct entry *e, bool sec)
{
	if (e->bad || !e->name[0] || !e->ver[0])
		return;
	long k = hp_db_find(db, e->name);
	if (k < 0)
		return;
	char *v = evr(e);
	for (size_t j = (size_t)k; j < db->inv.npkgs; j++) {
		size_t i = db->by_name[j];
		const struct pkg *p = &db->inv.pkgs[i];
		if (strcmp(p->name, e->name) != 0)
			break;
		/* an advisory names the installed architecture, as dnf matches them */
		bool arch = str_eq(p->arch, e->arch) || (!sec && strcmp(e->arch, "noarch") == 0);
		if (!top[i] || !arch || vers_cmp(VERS_RPM, v, p->version) <= 0)
			continue;
		keep(sec ? &o->sec[i] : &o->ver[i], v, sec ? -1 : 1);
	}
	free(v);
}

static void text(struct rx *x, char *buf, struct entry *e)
{
	if (!rx_text(x, buf, F))
		e->bad = true;
}

static void attr(struct rx *x, const char *name, char *buf, struct entry *e)
{
	char tmp[F + 1];
	rx_attr(x, name, tmp, sizeof tmp);
	if (strlen(tmp) >= F)
		e->bad = true;
	else
		memcpy(buf, tmp, strlen(tmp) + 1);
}

bool hp_rpm_primary(const struct hp_db *db, const bool *top, struct rpm_offers *o, struct rx *x)
{
	struct entry e = { 0 };
	bool in = false;         /* inside a <package type="rpm"> */
	int depth = 0;           /* its depth */
	while (rx_next(x)) {
		const char *n = rx_name(x);
		int d = rx_depth(x);
		if (in && d <= depth) {
			offer(db, top, o, &e, false);
			in = false;
		}
		if (strcmp(n, "package") == 0) {
			char type[16];
			rx_attr(x, "type", type, sizeof type);
			in = strcmp(type, "rpm") == 0;
			depth = d;
			memset(&e, 0, sizeof e);
		} else if (in && d == depth + 1) {
			if (strcmp(n, "name") == 0)
				text(x, e.name, &e);
			else if (strcmp(n, "arch") == 0)
				text(x, e.arch, &e);
			else if (strcmp(n, "version") == 0) {
				attr(x, "epoch", e.epoch, &e);
				attr(x, "ver", e.ver, &e);
				attr(x, "rel", e.rel, &e);
			}
		}
	}
	int line;
	if (rx_error(x, &line))
		return false;
	if (in)
		offer(db, top, o, &e, false);
	return true;
}

bool hp_rpm_updateinfo(const struct hp_db *db, const bool *top, struct rpm_offers *o,
                       struct rx *x)
{
	bool sec = false;        /* inside an <update type="security"> */
	while (rx_next(x)) {
		const char *n = rx_name(x);
		if (strcmp(n, "update") == 0) {
			char type[16];
			rx_attr(x, "type", type, sizeof type);
			sec = strcmp(type, "security") == 0;
		} else if (sec && strcmp(n, "package") == 0) {
			struct entry e = { 0 };
			attr(x, "name", e.name, &e);
			attr(x, "arch", e.arch, &e);
			attr(x, "epoch", e.epoch, &e);
			attr(x, "version", e.ver, &e);
			attr(x, "release", e.rel, &e);
			offer(db, top, o, &e, true);
		}
	}
	int line;
	return !rx_error(x, &line);
}
