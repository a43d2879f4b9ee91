/* The kernel, time and logging part of the host collector over roots built here: settings and
 * modules as the model holds them, the forms of log forwarding rsyslog and syslog-ng take (and
 * the near misses that are not forwarding), and time units masked or enabled. */
#include "test.h"
#include "collect/host.h"
#include "util/util.h"
#include <ftw.h>
#include <stdlib.h>
#include <unistd.h>

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

/* Collects a root holding the files of files[] (path, text pairs, NULL-terminated). */
static void collect(struct host *h, const char *const *files)
{
	char tmpl[] = "/tmp/bw-kern-XXXXXX";
	char *r = mkdtemp(tmpl);
	struct findings e = { 0 };
	for (size_t i = 0; r && files[i]; i += 2)
		test_put_file(r, files[i] + 1, files[i + 1]);
	struct host_inputs in = { .root = r };
	CHECK_INT(host_collect(h, &in, &e), 0);
	findings_free(&e);
	if (r)
		nftw(r, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* What the log scan finds in one file at path holding text; NULL for nothing. */
static char *forwarding(const char *path, const char *text, int *line)
{
	struct host h;
	collect(&h, (const char *const[]){ path, text, NULL });
	char *what = h.kern.logs.what ? xstrdup(h.kern.logs.what) : NULL;
	*line = h.kern.logs.line;
	CHECK(h.kern.logs_known);
	host_free(&h);
	return what;
}

TEST(host_kern_settings_and_modules)
{
	struct host h;
	collect(&h, (const char *const[]){
		"/proc/sys/kernel/dmesg_restrict", "1\n",
		"/proc/sys/kernel/kptr_restrict", "  2 \n",
		"/proc/sys/fs/suid_dumpable", "two\n",
		"/proc/modules", "overlay 1 0 - Live 0x0\nusb_storage 2 0 - Live 0x0\n", NULL });
	long v = -1;
	CHECK(h.kern.known && h.kern.sysctl_known && h.kern.modules_known);
	CHECK(host_sysctl_long(host_kern_sysctl(&h.kern, "kernel.kptr_restrict"), &v) && v == 2);
	CHECK_STR(host_kern_sysctl(&h.kern, "kernel.dmesg_restrict")->path,
	          "/proc/sys/kernel/dmesg_restrict");
	CHECK(!host_sysctl_long(host_kern_sysctl(&h.kern, "fs.suid_dumpable"), &v));
	CHECK(host_kern_sysctl(&h.kern, "kernel.randomize_va_space") == NULL);
	CHECK(host_kern_sysctl(&h.kern, "no.such.setting") == NULL);
	CHECK(host_kern_module(&h.kern, "usb-storage") && host_kern_module(&h.kern, "usb-storage")->line == 2);
	CHECK(host_kern_module(&h.kern, "usb_storag") == NULL);
	CHECK(!h.kern.time_known && !h.kern.logs_known);
	host_free(&h);
}

TEST(host_kern_rsyslog_forms)
{
	static const struct { const char *text; const char *want; int line; } cases[] = {
		{ "*.* @@logs.example:514\n", "rsyslog forwarding to @@logs.example:514", 1 },
		{ "# *.* @@old\nauth.* @10.0.0.1\n", "rsyslog forwarding to @10.0.0.1", 2 },
		{ "if $programname == 'x' then @@h:514\n", "rsyslog forwarding to @@h:514", 1 },
		{ "*.* :omrelp:h:2514\n", "rsyslog forwarding to :omrelp:h:2514", 1 },
		{ "*.* action(\n  Type = \"omfwd\" Target=\"h\")\n", "rsyslog forwarding action", 2 },
		{ "*.* action(type=\"omfile\" file=\"/var/log/x\")\n", NULL, 0 },
		{ "$template T,\"%msg% @ %host%\"\n*.* /var/log/x\n", NULL, 0 },
		{ "*.* @\n*.* @@\n", NULL, 0 },
		{ "module(load=\"omrelp\")\n", NULL, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int line = -1;
		char *got = forwarding("/etc/rsyslog.conf", cases[i].text, &line);
		if (cases[i].want)
			CHECK_STR(got, cases[i].want);
		else
			CHECK(got == NULL);
		CHECK_INT(line, cases[i].line);
		free(got);
	}
}

TEST(host_kern_syslog_ng_forms)
{
	int line;
	char *got = forwarding("/etc/syslog-ng/syslog-ng.conf",
	                       "source s { network(port(514)); };\n"
	                       "destination d_f { file(\"/x\"); };\n"
	                       "destination d_n {\n  tcp(\"10.0.0.1\" port(514));\n};\n", &line);
	CHECK_STR(got, "syslog-ng destination tcp()");
	CHECK_INT(line, 4);
	free(got);
	got = forwarding("/etc/syslog-ng/syslog-ng.conf",
	                 "destination d_f {\n file(\"/x\");\n};\nsource s {\n udp();\n};\n", &line);
	CHECK(got == NULL);
	free(got);
}

TEST(host_kern_time_units)
{
	static const char UNIT[] = "/etc/systemd/system/sysinit.target.wants/chrony.service";
	struct host h;
	collect(&h, (const char *const[]){ UNIT, "", NULL });
	CHECK(h.kern.time_known && !h.kern.time_from_procs);
	CHECK_STR(h.kern.time.what, "chrony.service");
	CHECK_STR(h.kern.time.path, UNIT);
	host_free(&h);
	collect(&h, (const char *const[]){ UNIT, "", "/etc/systemd/system/chrony.service", "", NULL });
	CHECK_STR(h.kern.time.what, "chrony.service");   /* a unit file there is no mask */
	host_free(&h);
	collect(&h, (const char *const[]){ "/proc/1/comm", "systemd\n", "/proc/77/comm", "chronyd\n",
	                                   "/proc/self/comm", "chronyd\n", NULL });
	CHECK(h.kern.time_known && h.kern.time_from_procs);
	CHECK_STR(h.kern.time.path, "/proc/77/comm");
	host_free(&h);
}
