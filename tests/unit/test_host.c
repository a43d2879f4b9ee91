/* The host collector and the host rules over fake roots built under a temporary directory.
 * Ownership assertions need root (chown); they are skipped otherwise. */
#include "test.h"
#include "collect/host.h"
#include "collect/host_int.h"
#include "rules/rule.h"
#include "util/util.h"
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* ---- building a fake root ---- */

static char *mkroot(void)
{
	char tmpl[] = "/tmp/bw-host-XXXXXX";
	char *d = mkdtemp(tmpl);
	return d ? xstrdup(d) : NULL;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

static void rmroot(char *root)
{
	if (root)
		nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(root);
}

/* mkdir -p for the directories above path (below root). */
static void parents(const char *root, const char *path)
{
	char *p = xasprintf("%s%s", root, path);
	for (char *s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	free(p);
}

static void put(const char *root, const char *path, const char *text, mode_t mode)
{
	parents(root, path);
	char *p = xasprintf("%s%s", root, path);
	unlink(p);    /* replacing a read-only file needs no root */
	FILE *fp = fopen(p, "w");
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
	chmod(p, mode);
	free(p);
}

static void dir(const char *root, const char *path, mode_t mode)
{
	char *p = xasprintf("%s%s/", root, path);
	parents(root, p + strlen(root));
	chmod(p, mode);
	free(p);
}

static void sock(const char *root, const char *path, mode_t mode)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	parents(root, path);
	snprintf(a.sun_path, sizeof a.sun_path, "%s%s", root, path);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0)
		chmod(a.sun_path, mode);
	if (fd >= 0)
		close(fd);
}

static void link_to(const char *root, const char *path, const char *target)
{
	parents(root, path);
	char *p = xasprintf("%s%s", root, path);
	if (symlink(target, p) != 0)
		fprintf(stderr, "  symlink %s: %s\n", p, strerror(errno));
	free(p);
}

static bool chown_to(const char *root, const char *path, unsigned uid, unsigned gid)
{
	char *p = xasprintf("%s%s", root, path);
	bool ok = lchown(p, uid, gid) == 0;
	free(p);
	return ok;
}

static void chmod_to(const char *root, const char *path, mode_t mode)
{
	char *p = xasprintf("%s%s", root, path);
	chmod(p, mode);
	free(p);
}

static const char PASSWD[] = "root:x:0:0:root:/root:/bin/bash\n"
                             "alice:x:1000:1000::/home/alice:/bin/sh\n";
static const char GROUP[] = "root:x:0:\nalice:x:1000:\ndocker:x:999:\n";
/* Members listed in /etc/group, and dave, whose primary group it is. */
static const char PASSWD_DAVE[] = "root:x:0:0:root:/root:/bin/bash\n"
                                  "alice:x:1000:1000::/home/alice:/bin/sh\n"
                                  "dave:x:1003:999::/home/dave:/bin/sh\n";
static const char GROUP_MEMBERS[] = "root:x:0:\nalice:x:1000:\ndocker:x:999:alice, bob,alice\n";

/* A host where every Docker file the benchmark names exists with the right owner and mode. */
static char *good_host(void)
{
	char *r = mkroot();
	put(r, "/etc/passwd", PASSWD, 0644);
	put(r, "/etc/group", GROUP, 0644);
	put(r, "/lib/systemd/system/docker.service", "[Service]\n", 0644);
	put(r, "/lib/systemd/system/docker.socket", "[Socket]\n", 0644);
	dir(r, "/etc/docker", 0755);
	put(r, "/etc/docker/daemon.json", "{}\n", 0644);
	put(r, "/etc/docker/certs.d/reg.example:5000/ca.crt", "x", 0444);
	put(r, "/etc/docker/ca.pem", "x", 0444);
	put(r, "/etc/docker/cert.pem", "x", 0444);
	put(r, "/etc/docker/key.pem", "x", 0400);
	put(r, "/etc/default/docker", "", 0644);
	put(r, "/etc/sysconfig/docker", "", 0644);
	put(r, "/etc/containerd/config.toml", "", 0644);
	dir(r, "/run/containerd", 0711);
	sock(r, "/run/containerd/containerd.sock", 0660);
	sock(r, "/run/docker.sock", 0660);
	link_to(r, "/var/run", "/run");    /* absolute: must resolve inside the root */
	dir(r, "/var/lib/docker", 0710);
	put(r, "/usr/bin/dockerd", "", 0755);
	put(r, "/usr/bin/containerd", "", 0755);
	put(r, "/usr/bin/containerd-shim", "", 0755);
	put(r, "/usr/bin/containerd-shim-runc-v1", "", 0755);
	put(r, "/usr/bin/containerd-shim-runc-v2", "", 0755);
	put(r, "/usr/sbin/runc", "", 0755);
	link_to(r, "/usr/bin/runc", "../sbin/runc");
	chown_to(r, "/run/docker.sock", 0, 999);
	return r;
}

static const char AUDIT_ALL[] =
	"# Docker\n"
	"-w /usr/bin/dockerd -k docker\n"
	"-a exit,always -F path=/run/containerd -F perm=war -k docker\n"
	"-a always,exit -F dir=/var/lib/docker/ -k docker\n"
	"-w /etc/docker -p wa -k docker\n"
	"-w /lib/systemd/system/docker.service -k docker\n"
	"-w /run/containerd/containerd.sock -k docker\n"
	"-w /lib/systemd/system/docker.socket -k docker\n"
	"-w /var/run/docker.sock -k docker\n"
	"-w /etc/default/docker -k docker\n"
	"-w /etc/docker/daemon.json -k docker\n"
	"-w /etc/containerd/config.toml -k docker\n"
	"-w /etc/sysconfig/docker -k docker\n"
	"-w /usr/bin/containerd -k docker\n"
	"-w /usr/bin/containerd-shim -k docker\n"
	"-w /usr/bin/containerd-shim-runc-v1 -k docker\n"
	"-w //usr/bin/containerd-shim-runc-v2 -k docker\n"
	"-w /usr/sbin/runc -k docker\n";

static const char MOUNTS_OWN[] = "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                                 "40 22 8:17 / /var/lib/docker rw - xfs /dev/sdb1 rw\n";

static struct host_inputs inputs(const char *root)
{
	static const char *const socks[] = { "/var/run/docker.sock", NULL };
	return (struct host_inputs){ .root = root, .tls_ca = "/etc/docker/ca.pem",
	                             .tls_cert = "/etc/docker/cert.pem",
	                             .tls_key = "/etc/docker/key.pem", .sockets = socks };
}

/* ---- running the rules ---- */

static struct findings run_rules(const struct host *h)
{
	struct findings out = { 0 };
	out.cur = (struct target){ TK_HOST, "h", NULL };
	rules_run_host(h, &out);
	return out;
}

static bool is_root(void)
{
	return geteuid() == 0;
}

/* The ownership rules: without root the test cannot chown, so their findings are left out
 * (unless the owners come from stat overrides). */
static bool keep_owner_findings;

static bool owner_rule(const char *id)
{
	static const char *const ids[] = { "BW-F001", "BW-F003", "BW-F005", "BW-F007", "BW-F009",
	                                   "BW-F011", "BW-F013", "BW-F015", "BW-F017", "BW-F019",
	                                   "BW-F022", "BW-F023" };
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
		if (str_eq(id, ids[i]))
			return true;
	return false;
}

static bool host_rule(const struct finding *f)
{
	if (!is_root() && !keep_owner_findings && owner_rule(f->rule->id))
		return false;
	return str_prefix(f->rule->id, "BW-H") || str_prefix(f->rule->id, "BW-F");
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Host findings as "ID path" lines sorted by rule id, then path, for exact comparison. */
static char *lines(const struct findings *out)
{
	char **v = xcalloc(out->n + 1, sizeof *v);
	size_t n = 0;
	struct buf b = { 0 };
	for (size_t i = 0; i < out->n; i++)
		if (host_rule(&out->v[i]))
			v[n++] = xasprintf("%s %s\n", out->v[i].rule->id, out->v[i].path);
	qsort(v, n, sizeof *v, cmp_line);
	for (size_t i = 0; i < n; i++) {
		buf_adds(&b, v[i]);
		free(v[i]);
	}
	free(v);
	return b.s ? b.s : xstrdup("");
}

static char *audit(const char *root, const struct host_inputs *in, int *rc, size_t *nerr)
{
	struct host h;
	struct findings errs = { 0 };
	struct host_inputs i = in ? *in : inputs(root);
	i.root = root;
	*rc = host_collect(&h, &i, &errs);
	*nerr = errs.nerrors;
	for (size_t k = 0; k < errs.nerrors; k++)
		fprintf(stderr, "  error %s:%d %s\n", errs.errors[k].input, errs.errors[k].line,
		        errs.errors[k].message);
	struct findings out = run_rules(&h);
	char *s = lines(&out);
	findings_free(&out);
	findings_free(&errs);
	host_free(&h);
	return s;
}

#define CHECK_AUDIT(root, in, want)                                                    \
	do {                                                                           \
		int rc_;                                                               \
		size_t ne_;                                                            \
		char *got_ = audit(root, in, &rc_, &ne_);                             \
		CHECK_STR(got_, want);                                                 \
		CHECK_INT(rc_, 0);                                                     \
		free(got_);                                                            \
	} while (0)

/* ---- the collector ---- */

TEST(host_collect_identity)
{
	char *r = mkroot();
	struct host h;
	struct findings e = { 0 };
	put(r, "/etc/hostname", "  box1 \n", 0644);
	put(r, "/proc/sys/kernel/osrelease", "6.1.0-18-amd64\n", 0444);
	put(r, "/etc/os-release", "NAME=x\nPRETTY_NAME=\"Debian \\\"GNU\\\"/Linux 12\"\n", 0644);
	put(r, "/sys/module/apparmor/parameters/enabled", "Y\n", 0444);
	put(r, "/sys/fs/selinux/enforce", "1", 0444);
	put(r, "/proc/self/mountinfo",
	    "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
	    "30 22 8:2 / /var/lib/dock rw - ext4 /dev/sdc1 rw\n"
	    "31 22 8:3 / /data\\040root rw shared:5 - xfs /dev/my\\040disk rw\n",
	    0444);
	struct host_inputs in = { .root = r, .data_root = "/data root/docker" };
	CHECK_INT(host_collect(&h, &in, &e), 0);
	CHECK_STR(h.hostname.v, "box1");
	CHECK_STR(h.hostname.loc.path, "/etc/hostname");
	CHECK_STR(h.kernel.v, "6.1.0-18-amd64");
	CHECK_STR(h.os.v, "Debian \"GNU\"/Linux 12");
	CHECK(h.apparmor.known && h.apparmor.enabled);
	CHECK(h.selinux.known && h.selinux.enabled && h.selinux_enforcing);
	CHECK(h.part.known);
	CHECK_STR(h.part.mount_point, "/data root");
	CHECK_STR(h.part.device, "/dev/my disk");
	CHECK_STR(h.part.fstype, "xfs");
	CHECK_STR(h.data_root, "/data root/docker");
	CHECK(!h.audit_read);
	CHECK(!h.docker_group.known);
	host_free(&h);
	findings_free(&e);

	/* Given hostname wins; no sysfs: security modules unknown; userns-remap subdirectory. */
	in = (struct host_inputs){ .root = r, .hostname = "given",
	                           .data_root = "/var/lib/docker/100000.100000/" };
	rmroot(r);
	r = mkroot();
	in.root = r;
	CHECK_INT(host_collect(&h, &in, &e), 0);
	CHECK_STR(h.hostname.v, "given");
	CHECK(h.hostname.loc.path == NULL);
	CHECK(!h.apparmor.known && !h.selinux.known && !h.part.known);
	CHECK_STR(h.data_root, "/var/lib/docker");
	host_free(&h);
	findings_free(&e);

	/* sysfs without the AppArmor module or selinuxfs: both known to be off. */
	dir(r, "/sys/module/ext4", 0755);
	dir(r, "/sys/fs/cgroup", 0755);
	CHECK_INT(host_collect(&h, &in, &e), 0);
	CHECK(h.apparmor.known && !h.apparmor.enabled);
	CHECK(h.selinux.known && !h.selinux.enabled);
	host_free(&h);
	findings_free(&e);
	rmroot(r);
}

TEST(host_collect_files_recorded)
{
	char *r = good_host();
	struct host h;
	struct findings e = { 0 };
	struct host_inputs in = inputs(r);
	put(r, "/etc/passwd", PASSWD_DAVE, 0644);
	put(r, "/etc/group", GROUP_MEMBERS, 0644);
	CHECK_INT(host_collect(&h, &in, &e), 0);
	const struct host_file *f = host_file_get(&h, HF_DOCKER_SOCK);
	CHECK(f && f->type == HF_SOCKET && f->mode == 0660);
	CHECK_STR(f ? f->path : NULL, "/var/run/docker.sock");
	if (is_root())
		CHECK_STR(f ? f->group : NULL, "docker");
	f = host_file_get(&h, HF_BIN_RUNC);
	CHECK(f && f->type == HF_SYMLINK);
	CHECK_STR(f ? f->path : NULL, "/usr/bin/runc");
	CHECK_STR(f ? f->link : NULL, "../sbin/runc");
	f = host_file_get(&h, HF_DOCKER_SERVICE);
	CHECK_STR(f ? f->path : NULL, "/lib/systemd/system/docker.service");
	f = host_file_get(&h, HF_REGISTRY_CERT);
	CHECK_STR(f ? f->path : NULL, "/etc/docker/certs.d/reg.example:5000/ca.crt");
	CHECK(f && f->mode == 0444 && f->type == HF_FILE);
	f = host_file_get(&h, HF_ETC_DOCKER);
	CHECK(f && f->type == HF_DIR && f->mode == 0755);
	if (is_root())
		CHECK(f && str_eq(f->user, "root") && str_eq(f->group, "root"));
	CHECK(host_file_get(&h, HF_DATA_ROOT) && host_file_get(&h, HF_DATA_ROOT)->type == HF_DIR);
	CHECK(h.docker_group.known && h.docker_group.exists && h.docker_group.gid == 999);
	CHECK_INT(h.docker_group.nmembers, 3);
	if (h.docker_group.nmembers == 3) {
		CHECK_STR(h.docker_group.members[0], "alice");
		CHECK_STR(h.docker_group.members[1], "bob");
		CHECK_STR(h.docker_group.members[2], "dave");
	}
	host_free(&h);
	findings_free(&e);

	/* The unit in /etc/systemd/system overrides the packaged one. */
	put(r, "/etc/systemd/system/docker.service", "[Service]\n", 0644);
	char *p = host_unit_path(r, "docker.service");
	CHECK_STR(p, "/etc/systemd/system/docker.service");
	free(p);
	p = host_unit_path(r, "containerd.service");
	CHECK(p == NULL);
	free(p);
	rmroot(r);
}

TEST(host_collect_stays_in_root)
{
	char *r = mkroot();
	struct host h;
	struct findings e = { 0 };
	/* Absolute links to the real machine's files resolve inside the root (where nothing is). */
	link_to(r, "/etc/passwd", "/etc/passwd");
	link_to(r, "/etc/group", "/../../etc/group");
	link_to(r, "/etc/hostname", "/etc/hostname");
	struct host_inputs in = { .root = r };
	host_collect(&h, &in, &e);
	CHECK(!h.docker_group.known);
	CHECK(h.hostname.v == NULL);
	host_free(&h);
	findings_free(&e);
	rmroot(r);
}

TEST(host_collect_errors)
{
	char *r = mkroot();
	struct host h;
	struct findings e = { 0 };
	char *long_line = xmalloc(HOST_MAX_LINE + 10);
	memset(long_line, 'a', HOST_MAX_LINE + 8);
	long_line[HOST_MAX_LINE + 8] = '\0';
	char *rules = xasprintf("-w /etc/docker -k docker\n%s\n-w /usr/bin/dockerd\n", long_line);
	put(r, "/etc/audit/rules.d/docker.rules", rules, 0640);
	put(r, "/proc/self/mountinfo", "22 1 8:1 / / rw - ext4 /dev/sda1 rw\ngarbage\n", 0444);
	dir(r, "/etc/group", 0755);     /* a directory where a file belongs */
	put(r, "/etc/passwd", "root:x:0:0::/root:/bin/sh\nbad:x:notanumber:0::/:/bin/sh\n", 0644);
	put(r, "/stat", "/etc/docker dir 0 0 0755\n/etc/docker/daemon.json file x 0 0644\n", 0644);
	char *stat = xasprintf("%s/stat", r);
	struct host_inputs in = { .root = r, .stat_overrides = stat };
	CHECK_INT(host_collect(&h, &in, &e), -1);
	CHECK_INT(e.nerrors, 5);
	for (size_t i = 0; i < e.nerrors; i++) {
		const struct input_error *x = &e.errors[i];
		if (str_suffix(x->input, "/etc/audit/rules.d/docker.rules"))
			CHECK_INT(x->line, 2);
		else if (str_suffix(x->input, "/proc/self/mountinfo"))
			CHECK_INT(x->line, 2);
		else if (str_suffix(x->input, "/etc/passwd"))
			CHECK_INT(x->line, 2);
		else if (str_suffix(x->input, "/stat"))
			CHECK_INT(x->line, 2);
		else
			CHECK(str_suffix(x->input, "/etc/group") && strstr(x->message, "directory"));
	}
	/* Reading went on past each problem. */
	CHECK_INT(h.nwatches, 2);
	CHECK(h.part.known);
	CHECK(host_file_get(&h, HF_ETC_DOCKER)->type == HF_DIR);
	host_free(&h);
	findings_free(&e);
	free(stat);
	free(rules);
	free(long_line);
	rmroot(r);
}

TEST(host_audit_rule_parsing)
{
	struct host h = { 0 };
	struct findings e = { 0 };
	char text[] = "-w /usr/bin/dockerd -p rwxa -k docker\n"
	              "-a always,exit -F arch=b64 -S all -F path=/run/containerd -F perm=rwa "
	              "-F key=docker\n"
	              "-a always,exit -F dir=/var/lib/docker/ -F key=docker\n"
	              "-W /etc/docker -k docker\n"
	              "-d always,exit -F path=/etc/default/docker\n"
	              "# -w /etc/sysconfig/docker\n"
	              "-w relative/path\n"
	              "No rules\n";
	struct hroot live = { "", -1, NULL };
	host_audit_parse(&h, &live, text, NULL, "auditctl -l", &e);
	CHECK_INT(h.nwatches, 3);
	if (h.nwatches == 3) {
		CHECK_STR(h.watches[0].path, "/usr/bin/dockerd");
		CHECK_STR(h.watches[1].path, "/run/containerd");
		CHECK_STR(h.watches[2].path, "/var/lib/docker");
		CHECK(h.watches[2].loc.path == NULL);
	}
	CHECK(h.audit_read);
	CHECK_INT(e.nerrors, 0);
	host_free(&h);
	findings_free(&e);
}

/* ---- the rules ---- */

TEST(host_rules_clean_host)
{
	char *r = good_host();
	put(r, "/etc/audit/rules.d/docker.rules", AUDIT_ALL, 0640);
	put(r, "/etc/audit/rules.d/ignored.conf", "-w /nothing\n", 0640);
	put(r, "/proc/self/mountinfo", MOUNTS_OWN, 0444);
	CHECK_AUDIT(r, NULL, "");
	rmroot(r);
}

TEST(host_rules_partition_and_group)
{
	char *r = good_host();
	put(r, "/etc/passwd", PASSWD_DAVE, 0644);
	put(r, "/etc/group", GROUP_MEMBERS, 0644);
	put(r, "/etc/audit/rules.d/docker.rules", AUDIT_ALL, 0640);
	put(r, "/proc/self/mountinfo",
	    "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
	    "40 22 8:17 / /var/lib/docker rw - xfs /dev/sdb1 rw\n"
	    "41 22 8:1 / /var/lib/docker/overlay2/x/merged rw - overlay overlay rw\n"
	    "42 22 8:1 /var/lib/docker /var/lib/docker rw - ext4 /dev/sda1 rw\n",
	    0444);
	/* The last mount at /var/lib/docker (a bind of the root filesystem) hides the others, but
	 * it is still a mount of its own at that point. */
	CHECK_AUDIT(r, NULL, "BW-H002 /etc/group\n");
	put(r, "/proc/self/mountinfo", "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
	                               "30 22 8:2 / /var/lib/dock rw - ext4 /dev/sdc1 rw\n", 0444);
	CHECK_AUDIT(r, NULL, "BW-H001 /var/lib/docker\nBW-H002 /etc/group\n");
	put(r, "/etc/passwd", PASSWD, 0644);
	put(r, "/etc/group", "docker:x:999: \n", 0644);
	CHECK_AUDIT(r, NULL, "BW-H001 /var/lib/docker\n");
	put(r, "/etc/passwd", PASSWD_DAVE, 0644);
	put(r, "/etc/group", GROUP_MEMBERS, 0644);

	struct host h;
	struct findings e = { 0 };
	struct host_inputs in = inputs(r);
	host_collect(&h, &in, &e);
	struct findings out = run_rules(&h);
	for (size_t i = 0; i < out.n; i++) {
		if (str_eq(out.v[i].rule->id, "BW-H001"))
			CHECK_STR(out.v[i].message, "Docker data root /var/lib/docker is not on a "
			                            "filesystem of its own: it lies on the root "
			                            "filesystem (/dev/sda1, ext4)");
		if (str_eq(out.v[i].rule->id, "BW-H002")) {
			CHECK_STR(out.v[i].message, "the docker group (gid 999) has 3 members, each of "
			                            "whom can control the Docker daemon and so is root "
			                            "on this host: alice, bob, dave");
			CHECK_INT(out.v[i].line, 0);
		}
	}
	findings_free(&out);
	findings_free(&e);
	host_free(&h);
	rmroot(r);
}

TEST(host_rules_audit_watches)
{
	char *r = good_host();
	put(r, "/proc/self/mountinfo", MOUNTS_OWN, 0444);
	/* No rules at all: every existing file fires, the absent ones do not. */
	char *p = xasprintf("%s/etc/sysconfig/docker", r);
	unlink(p);
	free(p);
	CHECK_AUDIT(r, NULL,
	            "BW-H003 /usr/bin/dockerd\n"
	            "BW-H004 /run/containerd\n"
	            "BW-H005 /var/lib/docker\n"
	            "BW-H006 /etc/docker\n"
	            "BW-H007 /lib/systemd/system/docker.service\n"
	            "BW-H008 /run/containerd/containerd.sock\n"
	            "BW-H009 /lib/systemd/system/docker.socket\n"
	            "BW-H009 /var/run/docker.sock\n"
	            "BW-H010 /etc/default/docker\n"
	            "BW-H011 /etc/docker/daemon.json\n"
	            "BW-H012 /etc/containerd/config.toml\n"
	            "BW-H014 /usr/bin/containerd\n"
	            "BW-H015 /usr/bin/containerd-shim\n"
	            "BW-H016 /usr/bin/containerd-shim-runc-v1\n"
	            "BW-H017 /usr/bin/containerd-shim-runc-v2\n"
	            "BW-H018 /usr/bin/runc\n");
	/* All watched (runc through its link target, one rule in audit.rules): none fire. */
	put(r, "/etc/audit/rules.d/docker.rules", AUDIT_ALL, 0640);
	CHECK_AUDIT(r, NULL, "");
	/* A watch on a directory does not cover the files in it; comments watch nothing. */
	put(r, "/etc/audit/rules.d/docker.rules",
	    "-w /etc/docker -k docker\n# -w /usr/bin/dockerd -k docker\n", 0640);
	put(r, "/etc/audit/audit.rules", "-w /var/lib/docker -k docker\n", 0640);
	char *got;
	int rc;
	size_t ne;
	got = audit(r, NULL, &rc, &ne);
	CHECK(strstr(got, "BW-H011 /etc/docker/daemon.json\n") != NULL);
	CHECK(strstr(got, "BW-H003 /usr/bin/dockerd\n") != NULL);
	CHECK(strstr(got, "BW-H006") == NULL);
	CHECK(strstr(got, "BW-H005") == NULL);
	free(got);
	rmroot(r);
}

TEST(host_rules_modes)
{
	char *r = good_host();
	put(r, "/etc/audit/rules.d/docker.rules", AUDIT_ALL, 0640);
	put(r, "/proc/self/mountinfo", MOUNTS_OWN, 0444);
	/* Stricter than asked passes. */
	chmod_to(r, "/etc/docker", 0700);
	chmod_to(r, "/etc/docker/daemon.json", 0600);
	chmod_to(r, "/etc/docker/key.pem", 0000);
	CHECK_AUDIT(r, NULL, "");
	/* One bit too many in each. */
	static const struct { const char *path; mode_t mode; } bad[] = {
		{ "/lib/systemd/system/docker.service", 0664 },
		{ "/lib/systemd/system/docker.socket", 0646 },
		{ "/etc/docker", 0775 },
		{ "/etc/docker/certs.d/reg.example:5000/ca.crt", 0644 },
		{ "/etc/docker/ca.pem", 0445 },
		{ "/etc/docker/cert.pem", 0454 },
		{ "/etc/docker/key.pem", 0440 },
		{ "/run/docker.sock", 0666 },
		{ "/etc/docker/daemon.json", 04644 },
		{ "/etc/default/docker", 0645 },
		{ "/etc/sysconfig/docker", 0654 },
		{ "/run/containerd/containerd.sock", 0661 },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		chmod_to(r, bad[i].path, bad[i].mode);
	CHECK_AUDIT(r, NULL,
	            "BW-F002 /lib/systemd/system/docker.service\n"
	            "BW-F004 /lib/systemd/system/docker.socket\n"
	            "BW-F006 /etc/docker\n"
	            "BW-F008 /etc/docker/certs.d/reg.example:5000/ca.crt\n"
	            "BW-F010 /etc/docker/ca.pem\n"
	            "BW-F012 /etc/docker/cert.pem\n"
	            "BW-F014 /etc/docker/key.pem\n"
	            "BW-F016 /var/run/docker.sock\n"
	            "BW-F018 /etc/docker/daemon.json\n"
	            "BW-F020 /etc/default/docker\n"
	            "BW-F021 /etc/sysconfig/docker\n"
	            "BW-F024 /run/containerd/containerd.sock\n");

	struct host h;
	struct findings e = { 0 };
	struct host_inputs in = inputs(r);
	host_collect(&h, &in, &e);
	struct findings out = run_rules(&h);
	for (size_t i = 0; i < out.n; i++)
		if (is_root() && str_eq(out.v[i].rule->id, "BW-F016")) {
			CHECK_STR(out.v[i].message, "socket /var/run/docker.sock has mode 0666 (owner "
			                            "root:docker); expected 660 or stricter");
			CHECK_STR(out.v[i].evidence, "root:docker 0666");
		} else if (str_eq(out.v[i].rule->id, "BW-F018")) {
			CHECK(strstr(out.v[i].message, "has mode 4644") != NULL);
		}
	findings_free(&out);
	findings_free(&e);
	host_free(&h);
	rmroot(r);
}

TEST(host_rules_owners)
{
	if (!is_root()) {
		fprintf(stderr, "  (not root: ownership assertions skipped)\n");
		return;
	}
	char *r = good_host();
	put(r, "/etc/audit/rules.d/docker.rules", AUDIT_ALL, 0640);
	put(r, "/proc/self/mountinfo", MOUNTS_OWN, 0444);
	/* root:root is fine for the Docker socket too. */
	chown_to(r, "/run/docker.sock", 0, 0);
	CHECK_AUDIT(r, NULL, "");
	static const char *const paths[] = {
		"/lib/systemd/system/docker.service", "/lib/systemd/system/docker.socket",
		"/etc/docker", "/etc/docker/certs.d/reg.example:5000/ca.crt", "/etc/docker/ca.pem",
		"/etc/docker/cert.pem", "/etc/docker/key.pem", "/etc/docker/daemon.json",
		"/etc/default/docker", "/etc/sysconfig/docker", "/run/containerd/containerd.sock",
	};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		chown_to(r, paths[i], 0, i % 2 ? 1000 : 999);    /* a group other than root */
	chown_to(r, "/run/docker.sock", 1000, 999);           /* a user other than root */
	chown_to(r, "/usr/bin/runc", 1000, 1000);             /* a symlink: not checked */
	CHECK_AUDIT(r, NULL,
	            "BW-F001 /lib/systemd/system/docker.service\n"
	            "BW-F003 /lib/systemd/system/docker.socket\n"
	            "BW-F005 /etc/docker\n"
	            "BW-F007 /etc/docker/certs.d/reg.example:5000/ca.crt\n"
	            "BW-F009 /etc/docker/ca.pem\n"
	            "BW-F011 /etc/docker/cert.pem\n"
	            "BW-F013 /etc/docker/key.pem\n"
	            "BW-F015 /var/run/docker.sock\n"
	            "BW-F017 /etc/docker/daemon.json\n"
	            "BW-F019 /etc/default/docker\n"
	            "BW-F022 /etc/sysconfig/docker\n"
	            "BW-F023 /run/containerd/containerd.sock\n");

	struct host h;
	struct findings e = { 0 };
	struct host_inputs in = inputs(r);
	host_collect(&h, &in, &e);
	struct findings out = run_rules(&h);
	for (size_t i = 0; i < out.n; i++)
		if (str_eq(out.v[i].rule->id, "BW-F017"))
			CHECK_STR(out.v[i].message, "file /etc/docker/daemon.json is owned by "
			                            "root:alice (mode 0644); expected root:root");
		else if (str_eq(out.v[i].rule->id, "BW-F015"))
			CHECK_STR(out.v[i].message, "socket /var/run/docker.sock is owned by "
			                            "alice:docker (mode 0660); expected root:docker");
	findings_free(&out);
	findings_free(&e);
	host_free(&h);

	/* Owners not in /etc/passwd or /etc/group are shown as numbers. */
	chown_to(r, "/etc/docker/daemon.json", 4242, 4343);
	in = inputs(r);
	host_collect(&h, &in, &e);
	out = run_rules(&h);
	for (size_t i = 0; i < out.n; i++)
		if (str_eq(out.v[i].rule->id, "BW-F017"))
			CHECK_STR(out.v[i].evidence, "4242:4343 0644");
	findings_free(&out);
	findings_free(&e);
	host_free(&h);
	rmroot(r);
}

TEST(host_rules_stat_overrides)
{
	/* What the fixtures rely on: owners, modes and sockets that a checkout cannot carry. */
	char *r = mkroot();
	put(r, "/etc/group", "root:x:0:\ndocker:x:999:\n", 0644);
	put(r, "/etc/passwd", "root:x:0:0::/root:/bin/sh\nbob:x:1001:1001::/:/bin/sh\n", 0644);
	put(r, "/etc/docker/daemon.json", "{}", 0644);
	put(r, "/stat", "# path type uid gid mode\n"
	                "/var/run/docker.sock socket 0 999 0666\n"
	                "/etc/docker dir 0 0 0755\n"
	                "/etc/docker/daemon.json file 1001 0 0644\n"
	                "/usr/sbin/dockerd file 0 0 0755\n",
	    0644);
	char *stat = xasprintf("%s/stat", r);
	struct host_inputs in = { .root = r, .stat_overrides = stat };
	keep_owner_findings = true;
	CHECK_AUDIT(r, &in,
	            "BW-F016 /var/run/docker.sock\n"
	            "BW-F017 /etc/docker/daemon.json\n"
	            "BW-H003 /usr/sbin/dockerd\n"
	            "BW-H006 /etc/docker\n"
	            "BW-H009 /var/run/docker.sock\n"
	            "BW-H011 /etc/docker/daemon.json\n");
	keep_owner_findings = false;
	free(stat);
	rmroot(r);
}

TEST(host_rules_given_paths)
{
	char *r = mkroot();
	char *dj = xasprintf("%s/elsewhere.json", r);
	put(r, "/elsewhere.json", "{}", 0666);     /* given by the user: not below the root */
	put(r, "/etc/docker/daemon.json", "{}", 0666);
	put(r, "/certs/key.pem", "k", 0644);
	static const char *const socks[] = { "unix:///custom/d.sock", "tcp://0.0.0.0:2376", NULL };
	sock(r, "/custom/d.sock", 0666);
	struct host_inputs in = { .root = r, .daemon_json = dj, .tls_key = "certs/key.pem",
	                          .sockets = socks };
	int rc;
	size_t ne;
	char *got = audit(r, &in, &rc, &ne);
	char *want = xasprintf("BW-F018 %s\n", dj);
	CHECK(strstr(got, "BW-F014 certs/key.pem\n") != NULL);
	CHECK(strstr(got, "BW-F016 /custom/d.sock\n") != NULL);
	CHECK(strstr(got, want) != NULL);
	CHECK(strstr(got, "/etc/docker/daemon.json") == NULL);
	CHECK(strstr(got, "docker.sock") == NULL);
	CHECK(strstr(got, "tcp:") == NULL && strstr(got, "2376") == NULL);
	CHECK_INT(rc, 0);
	free(got);
	free(want);
	free(dj);
	rmroot(r);
}

TEST(host_rules_table)
{
	/* BW-H0nn is CIS 1.1.n and BW-F0nn is CIS 3.n, the same in v1.6.0 and v1.8.0; from BW-H020
	 * on, the host beneath the containers, which CIS does not number. */
	int nh = 0, nf = 0;
	for (size_t i = 0; i < rules_count; i++) {
		const struct rule *ru = rules_all[i];
		char want[16];
		int n;
		if (sscanf(ru->id, "BW-H%d", &n) == 1 && n < 20) {
			snprintf(want, sizeof want, "1.1.%d", n);
			nh++;
		} else if (sscanf(ru->id, "BW-F%d", &n) == 1) {
			snprintf(want, sizeof want, "3.%d", n);
			nf++;
		} else {
			continue;
		}
		CHECK_STR(ru->cis, want);
		CHECK_STR(ru->cis8, want);
		CHECK(ru->check_host && ru->rationale && ru->remediation && ru->title);
		CHECK(str_eq(rule_target(ru), "host"));
	}
	CHECK_INT(nh, 18);
	CHECK_INT(nf, 24);
}

TEST(host_auditctl_runs_without_shell)
{
	char *r = mkroot();
	char *ok = xasprintf("%s/auditctl", r), *bad = xasprintf("%s/failing", r);
	put(r, "/auditctl", "#!/bin/sh\n[ \"$1\" = -l ] && echo '-w /usr/bin/dockerd -p rwxa -k docker'\n",
	    0755);
	put(r, "/failing", "#!/bin/sh\necho '-w /etc/docker'\nexit 1\n", 0755);
	char *out = host_auditctl(ok);
	CHECK_STR(out, "-w /usr/bin/dockerd -p rwxa -k docker\n");
	free(out);
	CHECK(host_auditctl(bad) == NULL);
	CHECK(host_auditctl("/nonexistent/auditctl") == NULL);
	free(ok);
	free(bad);
	rmroot(r);
}

TEST(host_collect_empty_files)
{
	char *r = mkroot();
	struct host h;
	struct findings e = { 0 };
	put(r, "/etc/group", "", 0644);
	put(r, "/etc/os-release", "", 0644);
	put(r, "/etc/hostname", "\n", 0644);
	put(r, "/etc/audit/audit.rules", "", 0640);
	struct host_inputs in = { .root = r };
	CHECK_INT(host_collect(&h, &in, &e), 0);
	CHECK(h.docker_group.known && !h.docker_group.exists);
	CHECK(h.os.v == NULL && h.hostname.v == NULL);
	CHECK(h.audit_read && h.nwatches == 0);
	host_free(&h);
	findings_free(&e);
	rmroot(r);
}

TEST(host_rules_watch_through_symlinked_dirs)
{
	/* /var/run is a link to /run: a watch on either name covers the socket under both. */
	char *r = good_host();
	struct host h;
	struct findings e = { 0 };
	struct host_inputs in = inputs(r);
	put(r, "/etc/audit/rules.d/docker.rules", "-w /run/docker.sock -k docker\n", 0640);
	CHECK_INT(host_collect(&h, &in, &e), 0);
	const struct host_file *f = host_file_get(&h, HF_DOCKER_SOCK);
	CHECK_STR(f ? f->real : NULL, "/run/docker.sock");
	CHECK(f && host_watch_find(&h, f) != NULL);
	host_free(&h);

	static const char *const run[] = { "/run/docker.sock", NULL };
	in.sockets = run;
	put(r, "/etc/audit/rules.d/docker.rules", "-w /var/run/docker.sock -k docker\n", 0640);
	CHECK_INT(host_collect(&h, &in, &e), 0);
	f = host_file_get(&h, HF_DOCKER_SOCK);
	CHECK(f && f->real == NULL);
	CHECK(h.nwatches == 1 && str_eq(h.watches[0].real, "/run/docker.sock"));
	CHECK(f && host_watch_find(&h, f) != NULL);
	/* A file outside any linked directory has no real path of its own. */
	CHECK(host_file_get(&h, HF_DAEMON_JSON)->real == NULL);
	host_free(&h);
	findings_free(&e);
	rmroot(r);
}

TEST(host_collect_cert_bound)
{
	char *r = mkroot();
	struct host h;
	struct findings e = { 0 };
	struct host_inputs in = { .root = r };
	for (int i = 0; i < HOST_MAX_ENTRIES; i++) {
		char p[96];
		snprintf(p, sizeof p, "/etc/docker/certs.d/reg%d/c%04d.crt", i % 2, i);
		put(r, p, "", 0444);
	}
	CHECK_INT(host_collect(&h, &in, &e), 0);
	size_t n = 0;
	while (host_file_at(&h, HF_REGISTRY_CERT, n))
		n++;
	CHECK_INT(n, HOST_MAX_ENTRIES);
	host_free(&h);
	put(r, "/etc/docker/certs.d/reg2/one-more.crt", "", 0444);
	CHECK_INT(host_collect(&h, &in, &e), -1);
	CHECK_INT(e.nerrors, 1);
	if (e.nerrors == 1) {   /* about the directory: no line */
		CHECK_INT(e.errors[0].line, 0);
		CHECK(strstr(e.errors[0].input, "/etc/docker/certs.d") != NULL);
		CHECK_STR(e.errors[0].message, "more than 4096 registry certificate files; only the "
		                               "first 4096 were checked");
	}
	host_free(&h);
	findings_free(&e);
	rmroot(r);
}
