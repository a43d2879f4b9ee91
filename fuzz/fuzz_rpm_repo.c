/* libFuzzer target: rpm repository metadata, as dnf, yum and zypper cache it. The first byte
 * picks primary.xml or updateinfo.xml, plain or gzip-framed by name (the reader decides by the
 * name); the rest is the file, read by the streaming XML reader against a few installed
 * packages. */
#include "collect/host_patch_rpm_int.h"
#include "util/util.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[] = "/tmp/bulwark-fuzz-rpm.XXXXXX";
static struct hp_db db;
static bool top[3] = { true, true, true };

static void setup(void)
{
	if (!mkdtemp(root))
		abort();
	static const char *const pk[][3] = {
		{ "bash", "5.2.15-3.fc39", "x86_64" }, { "openssl", "1:3.0.9-2.fc39", "x86_64" },
		{ "tzdata", "2023c-2.fc39", "noarch" },
	};
	for (size_t i = 0; i < 3; i++)
		pkg_inv_add(&db.inv, PKG_RPM, pk[i][0], pk[i][1])->arch = xstrdup(pk[i][2]);
	db.by_name = xcalloc(4, sizeof *db.by_name);
	for (size_t i = 0; i < 3; i++)
		db.by_name[i] = i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "/primary.xml", "/updateinfo.xml",
		"/primary.xml.gz", "/updateinfo.xml.zst" };
	if (!db.by_name)
		setup();
	if (size < 1)
		return 0;
	const char *name = names[data[0] % 4];
	char path[256], err[256];
	snprintf(path, sizeof path, "%s%s", root, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1)))
		abort();
	close(fd);
	struct findings errs = { 0 };
	struct hroot r;
	hroot_open(&r, root, &errs);
	struct rpm_offers o = { xcalloc(3, sizeof *o.ver), xcalloc(3, sizeof *o.sec) };
	struct rx *x = rx_open(&r, name, err, sizeof err);
	if (x) {
		if (strstr(name, "primary"))
			hp_rpm_primary(&db, top, &o, x);
		else
			hp_rpm_updateinfo(&db, top, &o, x);
		rx_close(x);
	}
	for (size_t i = 0; i < 3; i++) {
		free(o.ver[i]);
		free(o.sec[i]);
	}
	free(o.ver);
	free(o.sec);
	hroot_close(&r);
	findings_free(&errs);
	unlink(path);
	return 0;
}
