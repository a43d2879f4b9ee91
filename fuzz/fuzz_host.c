/* libFuzzer target: the host's own configuration files. The first byte picks which file of a
 * copy of a host the rest becomes (sshd_config, a firewall dump or configuration, a socket
 * table, an apt list, apt.conf, a syslog configuration, apk's cached index, world file and
 * repositories, yum and apt sources...); the host collector reads the copy as under --root and the host rules judge
 * what it made of it. */
#include "collect/host.h"
#include "rules/rule.h"
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {
	"/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d/a.conf", "/etc/nftables.conf",
	"/etc/iptables/rules.v4", "/run/bulwark/nft.json", "/run/bulwark/iptables-save",
	"/proc/net/tcp", "/proc/net/udp6", "/var/lib/dpkg/status",
	"/var/lib/apt/lists/d_dists_s-security_main_binary-amd64_Packages",
	"/var/lib/apt/lists/d_dists_s-security_InRelease", "/etc/apt/apt.conf.d/20auto-upgrades",
	"/etc/rsyslog.conf", "/etc/syslog-ng/syslog-ng.conf", "/proc/modules",
	"/proc/sys/kernel/kptr_restrict", "/var/run/reboot-required.pkgs",
	"/var/cache/apk/APKINDEX.00000000.tar.gz", "/etc/apk/world", "/etc/apk/repositories",
	"/etc/yum.repos.d/a.repo", "/etc/apt/sources.list", "/etc/apt/sources.list.d/a.sources",
};
enum { NFILES = sizeof files / sizeof *files };

static char root[] = "/tmp/bulwark-fuzz-host.XXXXXX";

/* mkdir -p of the directories of root + path. */
static void parents(const char *path)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s%s", root, path);
	for (char *p = buf + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
}

static void put(const char *path, const uint8_t *data, size_t size)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s%s", root, path);
	int fd = open(buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
}

static void drop(const char *path)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s%s", root, path);
	unlink(buf);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		if (!mkdtemp(root))
			abort();
		for (size_t i = 0; i < NFILES; i++)
			parents(files[i]);
		/* apk's database stays: the host is an apk one whenever no dpkg status is fuzzed */
		static const char apk_db[] = "P:musl\nV:1.2.4-r2\nA:x86_64\n\nP:zlib\nV:1.3-r0\n";
		parents("/lib/apk/db/installed");
		put("/lib/apk/db/installed", (const uint8_t *)apk_db, sizeof apk_db - 1);
		atexit(cleanup);
		ready = 1;
	}
	if (!size)
		return 0;
	const char *path = files[data[0] % NFILES];
	put(path, data + 1, size - 1);
	struct host h;
	struct findings out = { 0 };
	struct host_inputs in = { .root = root };
	host_collect(&h, &in, &out);
	rules_run_host(&h, &out);
	host_free(&h);
	findings_free(&out);
	drop(path);
	return 0;
}
