/* Pending updates on an rpm host: the rpm database against the repository metadata dnf, yum or
 * zypper cached. Each repository's repomd.xml names its primary and updateinfo files; a package
 * has an update when some primary offers a higher EVR for its architecture or noarch, and the
 * update is a security one when a security advisory names an EVR above the installed one and
 * at most the candidate (dnf's notion). */
#include "collect/host_patch_rpm_int.h"
#include "collect/pkg_os.h"
#include "util/util.h"
#include "util/vers.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A host's rpmdb.sqlite runs to 100+ MiB; it is parsed in memory. */
enum { RPMDB_MAX = 512 << 20 };

static const struct rpmdb {
	const char *path;
	bool (*parse)(PKG_PARSE_ARGS);
} rpmdbs[] = {
	{ "/var/lib/rpm/rpmdb.sqlite", pkg_rpmdb_parse },
	{ "/usr/lib/sysimage/rpm/rpmdb.sqlite", pkg_rpmdb_parse },
	{ "/var/lib/rpm/Packages.db", pkg_rpm_ndb_parse },
	{ "/usr/lib/sysimage/rpm/Packages.db", pkg_rpm_ndb_parse },
	{ "/var/lib/rpm/Packages", pkg_rpm_bdb_parse },
	{ "/usr/lib/sysimage/rpm/Packages", pkg_rpm_bdb_parse },
};

static void db_error(const struct hroot *r, const char *path, struct findings *errs,
                     const char *why)
{
	char *real = hroot_real(r, path);
	findings_error(errs, real, 0, "cannot read the rpm database: %s", why);
	free(real);
}

/* The whole file, at most RPMDB_MAX bytes; NULL with an error recorded. */
static char *read_db(const struct hroot *r, const char *path, int fd, size_t *len,
                     struct findings *errs)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		db_error(r, path, errs, "not a regular file");
		return NULL;
	}
	if (st.st_size > RPMDB_MAX) {
		db_error(r, path, errs, "larger than 512 MiB");
		return NULL;
	}
	char *buf = xmalloc((size_t)st.st_size + 1);
	size_t n = 0;
	while (n < (size_t)st.st_size) {
		ssize_t got = read(fd, buf + n, (size_t)st.st_size - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			db_error(r, path, errs, strerror(errno));
			free(buf);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static bool load(struct host_patch *p, struct hp_db *db, const struct hroot *r,
                 struct findings *errs)
{
	for (size_t i = 0; i < sizeof rpmdbs / sizeof *rpmdbs; i++) {
		const struct rpmdb *d = &rpmdbs[i];
		int fd = hfs_open(r, d->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT)
			continue;
		p->db = d->path;
		if (fd < 0) {
			db_error(r, d->path, errs, strerror(errno));
			return true;
		}
		size_t len = 0;
		char *data = read_db(r, d->path, fd, &len, errs);
		close(fd);
		char err[256] = "";
		if (data && !d->parse(d->path, data, len, 0, &db->inv, err, sizeof err))
			db_error(r, d->path, errs, err);
		free(data);
		return true;
	}
	return false;
}

const struct hp_manager hp_rpm = { .name = "rpm", .load = load, .updates = hp_rpm_updates };
