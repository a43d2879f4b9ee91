/* The `docker inspect` converter field by field: each field the container rules read is set
 * from its place in the engine's answer, unset when the answer leaves it empty or zero; then the
 * messages of the findings a converted container gets. */
#include "test.h"
#include "collect/inspect.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* A privileged, loosely configured container as `docker inspect` reports it (Engine 27). */
static const char loose[] =
	"{\"Id\": \"4f2d0c9e1a7b4f2d0c9e1a7b4f2d0c9e1a7b4f2d0c9e1a7b4f2d0c9e1a7b1234\","
	" \"Name\": \"/web\", \"AppArmorProfile\": \"unconfined\","
	" \"State\": {\"Status\": \"running\", \"Pid\": 4242, \"Health\": {\"Status\": \"unhealthy\"}},"
	" \"Config\": {\"Image\": \"nginx:1.27\", \"User\": \"root:root\","
	"   \"Env\": [\"PATH=/usr/bin\", \"NOEQ\", \"DB_PASSWORD=s3cr3t=x\", \"EMPTY=\"],"
	"   \"Healthcheck\": {\"Test\": [\"CMD-SHELL\", \"curl -f localhost\"]}},"
	" \"HostConfig\": {\"Privileged\": true, \"ReadonlyRootfs\": false,"
	"   \"CapAdd\": [\"SYS_ADMIN\", \"NET_RAW\", 7], \"CapDrop\": [\"MKNOD\"],"
	"   \"SecurityOpt\": [\"seccomp=unconfined\", \"label=disable\"],"
	"   \"NetworkMode\": \"host\", \"PidMode\": \"host\", \"IpcMode\": \"shareable\","
	"   \"UTSMode\": \"host\", \"UsernsMode\": \"host\", \"CgroupnsMode\": \"host\","
	"   \"CpusetCpus\": \"0-1\", \"CgroupParent\": \"/custom\", \"Memory\": 536870912,"
	"   \"MemorySwap\": 1073741824, \"MemoryReservation\": 268435456, \"CpuShares\": 512,"
	"   \"NanoCpus\": 1500000000, \"CpuQuota\": 50000, \"CpuPeriod\": 100000, \"PidsLimit\": -1,"
	"   \"RestartPolicy\": {\"Name\": \"on-failure\", \"MaximumRetryCount\": 5},"
	"   \"Devices\": [{\"PathOnHost\": \"/dev/fuse\", \"PathInContainer\": \"/dev/fuse\","
	"                 \"CgroupPermissions\": \"rwm\"}],"
	"   \"Ulimits\": [{\"Name\": \"nofile\", \"Soft\": 1024, \"Hard\": 4096}],"
	"   \"Sysctls\": {\"net.ipv4.ip_forward\": \"1\"},"
	"   \"MaskedPaths\": [],"
	"   \"PortBindings\": {\"80/tcp\": [{\"HostIp\": \"\", \"HostPort\": \"8080\"},"
	"                                  {\"HostIp\": \"127.0.0.1\", \"HostPort\": \"\"}],"
	"                      \"53\": [{\"HostIp\": \"0.0.0.0\", \"HostPort\": \"53\"}]}},"
	" \"Mounts\": [{\"Type\": \"bind\", \"Source\": \"/var/run/docker.sock\","
	"              \"Destination\": \"/var/run/docker.sock\", \"RW\": true,"
	"              \"Propagation\": \"rshared\"},"
	"             {\"Type\": \"volume\", \"Name\": \"data\","
	"              \"Source\": \"/var/lib/docker/volumes/data/_data\","
	"              \"Destination\": \"/data\", \"RW\": false, \"Propagation\": \"\"},"
	"             {\"Type\": \"tmpfs\", \"Destination\": \"/tmp\", \"RW\": true},"
	"             {\"Type\": \"npipe\", \"Source\": \"p\", \"Destination\": \"q\"},"
	"             {\"Type\": \"cluster\", \"Source\": \"c\", \"Destination\": \"/c\"}],"
	" \"NetworkSettings\": {\"Networks\": {\"bridge\": {}, \"backend\": {}}}}";

static struct cspec *convert(const char *text, const struct cs_engine *e)
{
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);
	CHECK(j != NULL);
	struct cspec *c = cspec_from_inspect(j, e);
	json_decref(j);
	return c;
}

static bool has(const struct cs_strs *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (str_eq(l->v[i].s, s))
			return true;
	return false;
}

TEST(inspect_identity_and_config)
{
	struct cspec *c = convert(loose, NULL);
	if (!c)
		return;
	CHECK_INT(c->origin, CSPEC_INSPECT);
	CHECK_STR(c->name, "web");
	CHECK_STR(c->id, "4f2d0c9e1a7b4f2d0c9e1a7b4f2d0c9e1a7b4f2d0c9e1a7b4f2d0c9e1a7b1234");
	CHECK_STR(c->state, "running");
	CHECK_STR(c->image.s, "nginx:1.27");
	CHECK_STR(c->user.s, "root:root");
	CHECK_STR(c->apparmor_profile.s, "unconfined");
	CHECK_INT(c->nenv, 3);   /* NOEQ has no value and is left out */
	if (c->nenv == 3) {
		CHECK_STR(c->env[0].key, "PATH");
		CHECK_STR(c->env[0].value, "/usr/bin");
		CHECK_STR(c->env[1].key, "DB_PASSWORD");
		CHECK_STR(c->env[1].value, "s3cr3t=x");
		CHECK_STR(c->env[2].key, "EMPTY");
		CHECK_STR(c->env[2].value, "");
	}
	CHECK(c->healthcheck.set && !c->healthcheck.disabled);
	CHECK_STR(c->health_status, "unhealthy");
	CHECK_INT(c->nnetworks, 2);
	if (c->nnetworks == 2) {
		CHECK_STR(c->networks[0], "bridge");
		CHECK_STR(c->networks[1], "backend");
	}
	cspec_free(c);
}

TEST(inspect_host_config)
{
	struct cspec *c = convert(loose, NULL);
	if (!c)
		return;
	CHECK(c->privileged.set && c->privileged.v);
	CHECK(c->read_only.set && !c->read_only.v);
	CHECK_INT(c->cap_add.n, 2);   /* the number is not a capability */
	CHECK(has(&c->cap_add, "SYS_ADMIN") && has(&c->cap_add, "NET_RAW"));
	CHECK_INT(c->cap_drop.n, 1);
	CHECK(has(&c->cap_drop, "MKNOD"));
	/* MaskedPaths [] is how the engine records systempaths=unconfined */
	CHECK_INT(c->security_opt.n, 3);
	CHECK(has(&c->security_opt, "seccomp=unconfined") && has(&c->security_opt, "label=disable") &&
	      has(&c->security_opt, "systempaths=unconfined"));
	CHECK_STR(c->network_mode.s, "host");
	CHECK_STR(c->pid_mode.s, "host");
	CHECK_STR(c->ipc_mode.s, "shareable");
	CHECK_STR(c->uts_mode.s, "host");
	CHECK_STR(c->userns_mode.s, "host");
	CHECK_STR(c->cgroupns_mode.s, "host");
	CHECK_STR(c->cpuset.s, "0-1");
	CHECK_STR(c->cgroup_parent.s, "/custom");
	CHECK(c->memory.set && c->memory.v == 536870912);
	CHECK(c->memory_swap.set && c->memory_swap.v == 1073741824);
	CHECK(c->memory_reservation.set && c->memory_reservation.v == 268435456);
	CHECK(c->cpu_shares.set && c->cpu_shares.v == 512);
	CHECK(c->nano_cpus.set && c->nano_cpus.v == 1500000000);
	CHECK(c->cpu_quota.set && c->cpu_quota.v == 50000);
	CHECK(c->cpu_period.set && c->cpu_period.v == 100000);
	CHECK(c->pids_limit.set && c->pids_limit.v == -1);
	CHECK_STR(c->restart.s, "on-failure");
	CHECK(c->restart_max.set && c->restart_max.v == 5);
	CHECK_INT(c->ndevices, 1);
	if (c->ndevices == 1) {
		CHECK_STR(c->devices[0].host, "/dev/fuse");
		CHECK_STR(c->devices[0].container, "/dev/fuse");
		CHECK_STR(c->devices[0].perms, "rwm");
	}
	CHECK_INT(c->nulimits, 1);
	if (c->nulimits == 1) {
		CHECK_STR(c->ulimits[0].name, "nofile");
		CHECK_INT(c->ulimits[0].soft, 1024);
		CHECK_INT(c->ulimits[0].hard, 4096);
	}
	CHECK_INT(c->sysctls.n, 1);
	CHECK(has(&c->sysctls, "net.ipv4.ip_forward=1"));
	cspec_free(c);
}

TEST(inspect_ports_and_mounts)
{
	struct cspec *c = convert(loose, NULL);
	if (!c)
		return;
	CHECK_INT(c->nports, 3);
	if (c->nports == 3) {
		/* jansson keeps object keys in insertion order */
		CHECK(c->ports[0].host_ip == NULL);   /* "" binds every interface */
		CHECK_STR(c->ports[0].host_port, "8080");
		CHECK_STR(c->ports[0].container_port, "80");
		CHECK_STR(c->ports[0].proto, "tcp");
		CHECK(c->ports[0].published);
		CHECK_STR(c->ports[1].host_ip, "127.0.0.1");
		CHECK(c->ports[1].host_port == NULL); /* "" lets the engine pick one */
		CHECK_STR(c->ports[1].container_port, "80");
		CHECK(c->ports[1].published);
		CHECK_STR(c->ports[2].host_ip, "0.0.0.0");
		CHECK_STR(c->ports[2].host_port, "53");
		CHECK_STR(c->ports[2].container_port, "53");
		CHECK_STR(c->ports[2].proto, "tcp");   /* no /proto: tcp */
	}
	CHECK_INT(c->nmounts, 5);
	if (c->nmounts == 5) {
		CHECK_INT(c->mounts[0].type, MOUNT_BIND);
		CHECK_STR(c->mounts[0].source, "/var/run/docker.sock");
		CHECK_STR(c->mounts[0].target, "/var/run/docker.sock");
		CHECK(!c->mounts[0].read_only);
		CHECK_STR(c->mounts[0].propagation, "rshared");
		CHECK_INT(c->mounts[1].type, MOUNT_VOLUME);
		CHECK_STR(c->mounts[1].source, "data");   /* a volume by its name, not its host path */
		CHECK_STR(c->mounts[1].target, "/data");
		CHECK(c->mounts[1].read_only);
		CHECK(c->mounts[1].propagation == NULL);
		CHECK_INT(c->mounts[2].type, MOUNT_TMPFS);
		CHECK(c->mounts[2].source == NULL && !c->mounts[2].read_only);
		CHECK_STR(c->mounts[2].target, "/tmp");
		CHECK_INT(c->mounts[3].type, MOUNT_NPIPE);
		CHECK_INT(c->mounts[4].type, MOUNT_OTHER);
		CHECK_STR(c->mounts[4].source, "c");
	}
	cspec_free(c);
}

/* What the engine says for a plain `docker run`: zeros, empty strings and null are unset. */
TEST(inspect_defaults_are_unset)
{
	struct cspec *c = convert(
		"{\"Id\": \"abc\", \"Name\": \"plain\", \"State\": {\"Status\": \"exited\"},"
		" \"Config\": {\"User\": \"\", \"Image\": \"alpine\","
		"   \"Healthcheck\": {\"Test\": [\"NONE\"]}},"
		" \"HostConfig\": {\"Privileged\": false, \"CapAdd\": null, \"NetworkMode\": \"\","
		"   \"Memory\": 0, \"PidsLimit\": null, \"MaskedPaths\": null, \"RestartPolicy\":"
		"   {\"Name\": \"no\", \"MaximumRetryCount\": 0}, \"PortBindings\": {}},"
		" \"Mounts\": [], \"NetworkSettings\": {\"Networks\": {}}}", NULL);
	if (!c)
		return;
	CHECK_STR(c->name, "plain");
	CHECK_STR(c->state, "exited");
	CHECK(c->user.s == NULL);
	CHECK(c->apparmor_profile.s == NULL);
	CHECK(c->healthcheck.set && c->healthcheck.disabled);
	CHECK(c->health_status == NULL);
	CHECK(c->privileged.set && !c->privileged.v);
	CHECK(!c->read_only.set);
	CHECK(c->network_mode.s == NULL);
	CHECK(!c->memory.set && !c->pids_limit.set && !c->restart_max.set);
	CHECK_STR(c->restart.s, "no");
	CHECK_INT(c->security_opt.n, 0);   /* MaskedPaths null: privileged, not systempaths */
	CHECK_INT(c->cap_add.n + c->nports + c->nmounts + c->nnetworks + c->nenv, 0);
	cspec_free(c);

	c = convert("{\"Name\": \"bare\"}", NULL);
	CHECK(c && !c->healthcheck.set && c->nnetworks == 0 && c->id == NULL);
	cspec_free(c);
	CHECK(cspec_from_inspect(NULL, NULL) == NULL);
	json_t *arr = json_array();
	CHECK(cspec_from_inspect(arr, NULL) == NULL);
	json_decref(arr);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The findings of c as sorted "ID: message" lines must be want (NULL-terminated, sorted). */
static void check_findings(const struct cspec *c, const char *const *want)
{
	struct findings out = { 0 };
	out.cur = (struct target){ TK_CONTAINER, c->name, c->id };
	rules_run_cspec(c, &out);
	char **got = xcalloc(out.n + 1, sizeof *got);
	for (size_t i = 0; i < out.n; i++)
		got[i] = xasprintf("%s: %s", out.v[i].rule->id, out.v[i].message);
	qsort(got, out.n, sizeof *got, cmp_str);
	size_t i = 0;
	for (; i < out.n || want[i]; i++) {
		if (i < out.n && want[i] && !strcmp(got[i], want[i]))
			continue;
		fprintf(stderr, "  finding %zu: got \"%s\", want \"%s\"\n", i,
		        i < out.n ? got[i] : "(none)", want[i] ? want[i] : "(none)");
		test_failed = 1;
		break;
	}
	for (size_t k = 0; k < out.n; k++)
		free(got[k]);
	free(got);
	findings_free(&out);
}

/* The findings of the converted container: the messages name the fields that were converted. */
TEST(inspect_findings_messages)
{
	static const char *const socks[] = { "/run/docker.sock", NULL };
	struct cs_engine e = { .lsm_known = true, .apparmor = true, .data_root = "/var/lib/docker",
	                       .sockets = socks };
	struct cspec *c = convert(loose, &e);
	if (!c)
		return;
	static const char *const want[] = {
		"BW-C001: container web runs privileged",
		"BW-C002: container web adds capability SYS_ADMIN",
		"BW-C004: container web shares the host's network namespace",
		"BW-C005: container web shares the host's PID namespace",
		"BW-C007: container web shares the host's UTS namespace",
		"BW-C008: container web shares the host's user namespace",
		"BW-C009: container web mounts the container runtime socket /var/run/docker.sock",
		"BW-C011: container web has a writable root filesystem",
		"BW-C014: container web has no PIDs limit",
		"BW-C015: container web runs without a seccomp profile (seccomp=unconfined)",
		"BW-C016: container web runs with AppArmor profile unconfined",
		"BW-C017: container web does not set no-new-privileges",
		"BW-C019: container web runs as root (user: root:root)",
		"BW-C020: container web sets secret variable DB_PASSWORD to a literal value",
		"BW-C023: container web has host device /dev/fuse with permissions rwm",
		"BW-C024: container web mounts /var/run/docker.sock with rshared propagation",
		"BW-C026: container web shares the host's cgroup namespace",
		"BW-C027: container web runs under custom cgroup parent /custom",
		"BW-C030: container web sets sysctl net.ipv4.ip_forward, which is not private to the "
		"container (it shares the host network)",
		"BW-C031: container web unmasks the kernel's /proc and /sys paths (systempaths=unconfined)",
		"BW-C033: container web is unhealthy",
		"BW-C034: container web is attached to the default bridge network",
		NULL };
	check_findings(c, want);
	cspec_free(c);
}

/* On a user network the published ports count; the daemon's no-new-privileges and
 * default-ulimits make the container's own settings moot. */
static const char bridged[] =
	"{\"Id\": \"0123456789ab0123\", \"Name\": \"/api\", \"State\": {\"Status\": \"running\"},"
	" \"Config\": {\"Image\": \"api:2\", \"User\": \"1000\","
	"   \"Healthcheck\": {\"Test\": [\"CMD\", \"true\"]}},"
	" \"HostConfig\": {\"NetworkMode\": \"appnet\", \"ReadonlyRootfs\": true,"
	"   \"CapDrop\": [\"ALL\"], \"Memory\": 268435456, \"NanoCpus\": 500000000,"
	"   \"PidsLimit\": 100, \"RestartPolicy\": {\"Name\": \"always\"},"
	"   \"PortBindings\": {\"22/tcp\": [{\"HostIp\": \"\", \"HostPort\": \"2222\"}],"
	"                      \"5432/tcp\": [{\"HostIp\": \"0.0.0.0\", \"HostPort\": \"5432\"}],"
	"                      \"8080/tcp\": [{\"HostIp\": \"127.0.0.1\", \"HostPort\": \"8080\"}]}},"
	" \"Mounts\": [{\"Type\": \"bind\", \"Source\": \"/var/lib/docker/volumes\","
	"              \"Destination\": \"/v\", \"RW\": false},"
	"             {\"Type\": \"bind\", \"Source\": \"/run/docker.sock\","
	"              \"Destination\": \"/s\", \"RW\": false}],"
	" \"NetworkSettings\": {\"Networks\": {\"appnet\": {}}}}";

TEST(inspect_bridged_findings_messages)
{
	static const char *const socks[] = { "/run/docker.sock", NULL };
	struct cs_engine e = { .lsm_known = true, .apparmor = true, .data_root = "/var/lib/docker",
	                       .sockets = socks, .no_new_privileges = true, .default_ulimits = true };
	struct cspec *c = convert(bridged, &e);
	if (!c)
		return;
	static const char *const moot[] = {
		"BW-C009: container api mounts the container runtime socket /run/docker.sock (read-only "
		"does not stop API calls)",
		"BW-C010: container api mounts host path /var/lib/docker/volumes, which lies under "
		"sensitive /var/lib/docker, read-only",
		"BW-C016: container api runs without an AppArmor profile on a host that enforces AppArmor",
		"BW-C018: container api restarts forever (restart policy always)",
		"BW-C021: container api publishes host port 2222 (container port 22) on all interfaces",
		"BW-C021: container api publishes host port 5432 (container port 5432) on all interfaces",
		"BW-C033: container api runs without a health check",
		NULL };
	check_findings(c, moot);
	e.no_new_privileges = e.default_ulimits = false;
	static const char *const own[] = {
		"BW-C009: container api mounts the container runtime socket /run/docker.sock (read-only "
		"does not stop API calls)",
		"BW-C010: container api mounts host path /var/lib/docker/volumes, which lies under "
		"sensitive /var/lib/docker, read-only",
		"BW-C016: container api runs without an AppArmor profile on a host that enforces AppArmor",
		"BW-C017: container api does not set no-new-privileges",
		"BW-C018: container api restarts forever (restart policy always)",
		"BW-C021: container api publishes host port 2222 (container port 22) on all interfaces",
		"BW-C021: container api publishes host port 5432 (container port 5432) on all interfaces",
		"BW-C033: container api runs without a health check",
		"BW-C035: container api runs with the daemon's unrestricted ulimits",
		NULL };
	check_findings(c, own);
	cspec_free(c);
}

static void rm_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	CHECK_INT(system(cmd), 0);
	free(cmd);
}

static void check_procs(const struct cspec *c, const char *const *want)
{
	size_t n = 0;
	while (want[n])
		n++;
	CHECK(c->procs_known);
	CHECK_INT(c->nprocs, n);
	for (size_t i = 0; i < n && i < c->nprocs; i++)
		CHECK_STR(c->procs[i], want[i]);
}

/* /top: names from root/proc/PID/comm when there, else the base of the CMD column's first word. */
TEST(inspect_procs_from_top)
{
	char dir[] = "/tmp/bw-inspect-XXXXXX";
	if (!mkdtemp(dir))
		return;
	test_put_file(dir, "proc/101/comm", "nginx\n");
	json_t *top = json_loads(
		"{\"Titles\": [\"UID\", \"PID\", \"PPID\", \"CMD\"], \"Processes\": ["
		" [\"root\", \"101\", \"0\", \"nginx: master process\"],"
		" [\"root\", \"102\", \"101\", \"/usr/sbin/sshd -D\"],"
		" [\"root\", \"x/1\", \"101\", \"bash\"],"
		" [\"root\", \"103\"]]}", 0, NULL);
	struct cspec *c = cspec_new(CSPEC_INSPECT);
	cspec_set_procs(c, top, dir);
	static const char *const want[] = { "nginx", "sshd", "bash", NULL };
	check_procs(c, want);
	cspec_free(c);
	json_decref(top);

	c = cspec_new(CSPEC_INSPECT);
	cspec_set_procs(c, NULL, dir);   /* top refused: processes unknown */
	CHECK(!c->procs_known && c->nprocs == 0);
	cspec_free(c);
	rm_tree(dir);
}

/* The cgroup of State.Pid, v2 and v1 layouts; its cgroup.procs, with or without a last newline. */
TEST(inspect_procs_from_cgroup)
{
	char dir[] = "/tmp/bw-inspect-XXXXXX";
	if (!mkdtemp(dir))
		return;
	const char *id = "0123456789ab0123";
	test_put_file(dir, "proc/7/cgroup", "0::/system.slice/docker-0123456789ab0123.scope\n");
	test_put_file(dir, "sys/fs/cgroup/system.slice/docker-0123456789ab0123.scope/cgroup.procs",
	    "7\n8\n9");
	test_put_file(dir, "proc/7/comm", "tini\n");
	test_put_file(dir, "proc/8/comm", "redis-server\n");
	test_put_file(dir, "proc/9/comm", "sh\n");
	test_put_file(dir, "proc/11/cgroup", "12:pids:/other\n4:cpu,cpuacct:/docker/0123456789ab0123\n");
	test_put_file(dir, "sys/fs/cgroup/cpu/docker/0123456789ab0123/cgroup.procs", "8\n");
	test_put_file(dir, "proc/12/cgroup", "1:name=systemd:/docker/0123456789ab0123\n");
	test_put_file(dir, "sys/fs/cgroup/systemd/docker/0123456789ab0123/cgroup.procs", "9\n7\n");
	test_put_file(dir, "proc/13/cgroup", "0::/docker/fedcba987654\n");

	static const char *const v2[] = { "tini", "redis-server", "sh", NULL };
	static const char *const v1[] = { "redis-server", NULL };
	static const char *const named[] = { "sh", "tini", NULL };
	const struct { const char *pid; const char *const *want; } cases[] = {
		{ "7", v2 }, { "11", v1 }, { "12", named } };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *text = xasprintf("{\"State\": {\"Pid\": %s}}", cases[i].pid);
		json_t *ins = json_loads(text, 0, NULL);
		struct cspec *c = cspec_new(CSPEC_INSPECT);
		c->id = xstrdup(id);
		CHECK(cspec_procs_from_cgroup(c, ins, dir));
		check_procs(c, cases[i].want);
		cspec_free(c);
		json_decref(ins);
		free(text);
	}
	/* Another container's cgroup, no process, a short id: ask /top instead. */
	const char *const misses[] = { "{\"State\": {\"Pid\": 13}}", "{\"State\": {\"Pid\": 0}}",
	                               "{\"State\": {\"Pid\": 99}}", "{}" };
	for (size_t i = 0; i < sizeof misses / sizeof *misses; i++) {
		json_t *ins = json_loads(misses[i], 0, NULL);
		struct cspec *c = cspec_new(CSPEC_INSPECT);
		c->id = xstrdup(id);
		CHECK(!cspec_procs_from_cgroup(c, ins, dir));
		CHECK(!c->procs_known);
		cspec_free(c);
		json_decref(ins);
	}
	json_t *ins = json_loads("{\"State\": {\"Pid\": 7}}", 0, NULL);
	struct cspec *c = cspec_new(CSPEC_INSPECT);
	c->id = xstrdup("0123456789a");   /* 11 characters: too short to name a container */
	CHECK(!cspec_procs_from_cgroup(c, ins, dir));
	cspec_free(c);
	json_decref(ins);
	rm_tree(dir);
}

TEST(inspect_exec_ids_and_records)
{
	struct buf b = { 0 };
	buf_printf(&b, "{\"Id\": \"c1\", \"ExecIDs\": [\"e1\", \"../x\", \"a/b\", \"\", 7, \"e2\"");
	for (int i = 0; i < CSPEC_MAX_EXECS + 5; i++)
		buf_printf(&b, ", \"m%d\"", i);
	buf_printf(&b, "]}");
	json_t *j = json_loads(b.s, 0, NULL);
	struct cspec *c = cspec_from_inspect(j, NULL);
	const char *ids[CSPEC_MAX_EXECS];
	size_t n = c ? cspec_exec_ids(c, j, ids) : 0;
	CHECK_INT(n, CSPEC_MAX_EXECS);
	CHECK_INT(c ? c->nexec_ids : 0, CSPEC_MAX_EXECS + 11);
	CHECK_STR(n ? ids[0] : NULL, "e1");
	CHECK_STR(n > 1 ? ids[1] : NULL, "e2");
	CHECK_STR(n > 2 ? ids[2] : NULL, "m0");
	json_t *x = json_loads("{\"ID\": \"e1\", \"Running\": true, \"ContainerID\": \"c1\","
	                       " \"ProcessConfig\": {\"entrypoint\": \"sh\", \"arguments\":"
	                       " [\"-c\", \"mysql -psecret\"], \"privileged\": true,"
	                       " \"user\": \"root\"}}", 0, NULL);
	json_t *other = json_loads("{\"ID\": \"e9\", \"ContainerID\": \"c2\", \"ProcessConfig\":"
	                           " {\"privileged\": true}}", 0, NULL);
	json_t *bare = json_loads("{\"ID\": \"e2\", \"ProcessConfig\": {\"user\": \"\"}}", 0, NULL);
	if (c) {
		cspec_add_exec_inspect(c, x, j);
		cspec_add_exec_inspect(c, other, j);
		cspec_add_exec_inspect(c, bare, j);
		cspec_add_exec_inspect(c, json_array_get(j, 0), j);
	}
	CHECK_INT(c ? c->nexecs : 0, 2);
	if (c && c->nexecs == 2) {
		CHECK(c->execs[0].privileged && c->execs[0].running);
		CHECK_STR(c->execs[0].user, "root");
		CHECK_STR(c->execs[0].program, "sh");
		CHECK(!c->execs[1].privileged && !c->execs[1].running);
		CHECK(c->execs[1].user == NULL && c->execs[1].program == NULL);
	}
	cspec_free(c);
	json_decref(x);
	json_decref(other);
	json_decref(bare);
	json_decref(j);
	free(b.s);
}

/* The engine's health probes are execs too: of the container's user, running its test. */
TEST(inspect_exec_health_probes_are_not_execs)
{
	static const struct { const char *cfg, *pc; bool kept; } cases[] = {
		{ "\"Healthcheck\": {\"Test\": [\"CMD-SHELL\", \"curl -f localhost\"]}",
		  "\"entrypoint\": \"/bin/sh\", \"arguments\": [\"-c\", \"curl -f localhost\"]", false },
		{ "\"Shell\": [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"], \"Healthcheck\":"
		  " {\"Test\": [\"CMD-SHELL\", \"true\"]}",
		  "\"entrypoint\": \"/bin/bash\", \"arguments\": [\"-eo\", \"pipefail\", \"-c\", \"true\"]",
		  false },
		{ "\"User\": \"app\", \"Healthcheck\": {\"Test\": [\"CMD\", \"pg_isready\", \"-q\"]}",
		  "\"entrypoint\": \"pg_isready\", \"arguments\": [\"-q\"], \"user\": \"app\"", false },
		/* the same command by hand, as another user or privileged, is a docker exec */
		{ "\"User\": \"app\", \"Healthcheck\": {\"Test\": [\"CMD\", \"pg_isready\", \"-q\"]}",
		  "\"entrypoint\": \"pg_isready\", \"arguments\": [\"-q\"], \"user\": \"root\"", true },
		{ "\"Healthcheck\": {\"Test\": [\"CMD\", \"true\"]}",
		  "\"entrypoint\": \"true\", \"arguments\": [], \"privileged\": true", true },
		{ "\"Healthcheck\": {\"Test\": [\"CMD-SHELL\", \"true\"]}",
		  "\"entrypoint\": \"sh\", \"arguments\": []", true },
		{ "\"Healthcheck\": {\"Test\": [\"NONE\"]}", "\"entrypoint\": \"NONE\"", true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *ins = xasprintf("{\"Id\": \"c1\", \"Config\": {%s}}", cases[i].cfg);
		char *ex = xasprintf("{\"ID\": \"e1\", \"ProcessConfig\": {%s}}", cases[i].pc);
		json_t *j = json_loads(ins, 0, NULL), *x = json_loads(ex, 0, NULL);
		struct cspec *c = cspec_from_inspect(j, NULL);
		CHECK(j && x && c);
		if (c)
			cspec_add_exec_inspect(c, x, j);
		if ((c && c->nexecs == 1) != cases[i].kept)
			fprintf(stderr, "  case %zu: %s\n", i, cases[i].pc);
		CHECK((c && c->nexecs == 1) == cases[i].kept);
		cspec_free(c);
		json_decref(j);
		json_decref(x);
		free(ins);
		free(ex);
	}
}
