/* Host paths mounted into the container: the container runtime's API socket, sensitive system
 * directories, and shared mount propagation. */
#include "rules/rule.h"
#include "rules/container/c_util.h"
#include "util/util.h"
#include <limits.h>
#include <string.h>

/* File names of container runtime API sockets: docker.sock (also docker.sock.raw of Docker
 * Desktop, cri-dockerd.sock), dockershim, containerd, CRI-O, Podman. */
static const char *const sock_names[] = {
	"docker.sock", "dockershim.sock", "containerd.sock", "crio.sock", "podman.sock",
};

/* Directories that hold those sockets (and their parents) when mounted whole. The root "/" is
 * here too: it contains /run/docker.sock. */
static const char *const sock_dirs[] = {
	"/", "/run", "/var/run", "/run/docker", "/var/run/docker", "/run/containerd",
	"/var/run/containerd", "/run/crio", "/var/run/crio", "/run/podman", "/var/run/podman",
	"/run/user", "/var/run/user",
};

static bool sock_file(const char *src)
{
	const char *base = c_path_base(src);
	for (size_t i = 0; i < sizeof sock_names / sizeof *sock_names; i++)
		if (strstr(base, sock_names[i]))
			return true;
	return false;
}

/* /run/user/1000 holds a rootless daemon's docker.sock. */
static bool user_runtime_dir(const char *p)
{
	const char *rest = NULL;
	if (c_path_within(p, "/run/user"))
		rest = p + strlen("/run/user");
	else if (c_path_within(p, "/var/run/user"))
		rest = p + strlen("/var/run/user");
	return rest && (rest[0] == '\0' || !strchr(rest + 1, '/'));
}

static bool sock_dir(const char *norm)
{
	for (size_t i = 0; i < sizeof sock_dirs / sizeof *sock_dirs; i++)
		if (strcmp(norm, sock_dirs[i]) == 0)
			return true;
	return user_runtime_dir(norm);
}

/* The live daemon's own socket, whatever it is called and wherever it lives, or the directory
 * that holds it. */
static bool engine_socket(const struct cspec *c, const char *norm, bool *dir)
{
	char s[PATH_MAX];
	for (const char *const *p = c->engine ? c->engine->sockets : NULL; p && *p; p++) {
		if (!c_path_norm(*p, s, sizeof s))
			continue;
		if (!strcmp(norm, s))
			return true;
		if (c_path_within(s, norm) && strcmp(norm, "/") != 0)
			return *dir = true;
	}
	return false;
}

static bool bind_source(const struct cs_mount *m)
{
	return m->type == MOUNT_BIND && m->source && *m->source;
}

static void check_socket(const struct rule *self, const struct cspec *c, struct findings *out)
{
	char norm[PATH_MAX];
	for (size_t i = 0; i < c->nmounts; i++) {
		const struct cs_mount *m = &c->mounts[i];
		bool dir;
		if (!bind_source(m))
			continue;
		bool ok = c_path_norm(m->source, norm, sizeof norm);
		dir = ok && sock_dir(norm);
		if (!dir && !sock_file(m->source) && !(ok && engine_socket(c, norm, &dir)))
			continue;
		char shown[PATH_MAX + 256];
		finding_add(out, self, c_at(c, m->loc), m->source,
		            dir ? "%s %s mounts host directory %s, which holds the container runtime "
		                  "socket%s"
		                : "%s %s mounts the container runtime socket %s%s",
		            c_kind(c), c_name(c), c_mount_source(m, shown, sizeof shown),
		            m->read_only ? " (read-only does not stop API calls)" : "");
	}
}

const struct rule rule_c_runtime_socket = {
	.id = "BW-C009",
	.title = "Container runtime socket mounted",
	.severity = SEV_CRITICAL,
	.cis = "5.32",
	.rationale = "Whoever can talk to the Docker (or containerd, CRI-O, Podman) socket can start "
	             "a privileged container that mounts the host's root filesystem: it is root on "
	             "the host. Mounting it read-only does not help, because connecting to a socket "
	             "is not a write to the filesystem, and mounting a directory that holds the "
	             "socket (/run, /var/run, /) exposes it just the same. A named volume of the "
	             "local driver with o=bind (or rbind) and a device is that host path under "
	             "another name, and is judged as it: from the compose file's top-level volumes, "
	             "from the engine's /volumes/NAME in an audit, from the volume.create requests "
	             "the authorization plugin has seen. An external volume is defined outside the "
	             "compose file, so lint cannot see what it binds; the audit can.",
	.remediation = "Remove the mount. If a tool really needs the API, put a filtering proxy in "
	               "front of it that allows only the calls it needs, or use a rootless daemon "
	               "dedicated to that tool.",
	.check_cspec = check_socket,
};

/* Host directories whose content is the host's system, credentials or container state. With
 * subpaths, anything below counts too (/etc/shadow); /home counts only when mounted whole, since
 * mounting a project directory below it is everyday development. */
static const struct { const char *dir; bool subpaths; } sensitive[] = {
	{ "/", false },          { "/boot", true },      { "/dev", true },  { "/etc", true },
	{ "/lib", true },        { "/lib64", true },     { "/proc", true }, { "/sys", true },
	{ "/usr", true },        { "/bin", true },       { "/sbin", true }, { "/root", true },
	{ "/var/lib/docker", true }, { "/var/lib/containerd", true },  { "/home", false },
};

/* Public, non-secret files commonly shared read-only for time zone and CA certificates. */
static const char *const harmless_ro[] = {
	"/etc/localtime", "/etc/timezone", "/usr/share/zoneinfo", "/etc/ssl/certs",
	"/etc/ca-certificates", "/etc/pki/ca-trust", "/etc/machine-id", "/etc/os-release",
};

static bool harmless(const char *norm, bool read_only)
{
	if (!read_only)
		return false;
	for (size_t i = 0; i < sizeof harmless_ro / sizeof *harmless_ro; i++)
		if (c_path_within(norm, harmless_ro[i]))
			return true;
	return false;
}

/* The sensitive directory that norm is, lies below, or contains; NULL if none. */
static const char *sensitive_dir(const char *norm)
{
	for (size_t i = 0; i < sizeof sensitive / sizeof *sensitive; i++) {
		const char *d = sensitive[i].dir;
		if (strcmp(norm, d) == 0 || (sensitive[i].subpaths && c_path_within(norm, d)) ||
		    c_path_within(d, norm))
			return d;
	}
	return NULL;
}

/* The live daemon's data root when it is not the default /var/lib/docker. */
static const char *data_root(const struct cspec *c, const char *norm)
{
	const char *d = c->engine ? c->engine->data_root : NULL;
	if (!d || !*d || !strcmp(d, "/"))
		return NULL;
	return c_path_within(norm, d) || c_path_within(d, norm) ? d : NULL;
}

static void report_sensitive(const struct rule *self, const struct cspec *c,
                             const struct cs_mount *m, const char *norm, const char *d,
                             struct findings *out)
{
	const char *mode = m->read_only ? "read-only" : "read-write";
	char buf[PATH_MAX + 256];
	const char *shown = c_mount_source(m, buf, sizeof buf);
	if (strcmp(norm, d) == 0)
		finding_add(out, self, c_at(c, m->loc), m->source,
		            "%s %s mounts sensitive host path %s %s", c_kind(c), c_name(c), shown,
		            mode);
	else
		finding_add(out, self, c_at(c, m->loc), m->source,
		            "%s %s mounts host path %s, which %s sensitive %s, %s", c_kind(c),
		            c_name(c), shown, c_path_within(norm, d) ? "lies under" : "contains",
		            d, mode);
}

static void check_sensitive(const struct rule *self, const struct cspec *c, struct findings *out)
{
	char norm[PATH_MAX];
	for (size_t i = 0; i < c->nmounts; i++) {
		const struct cs_mount *m = &c->mounts[i];
		const char *d;
		if (!bind_source(m) || !c_path_norm(m->source, norm, sizeof norm))
			continue;
		/* The runtime sockets and their directories are BW-C009's (the root is both). */
		bool sdir = false;
		if (sock_file(norm) || (sock_dir(norm) && strcmp(norm, "/") != 0) ||
		    engine_socket(c, norm, &sdir))
			continue;
		if (harmless(norm, m->read_only))
			continue;
		if (!(d = sensitive_dir(norm)) && !(d = data_root(c, norm)))
			continue;
		report_sensitive(self, c, m, norm, d, out);
	}
}

const struct rule rule_c_sensitive_mount = {
	.id = "BW-C010",
	.title = "Sensitive host path mounted",
	.severity = SEV_HIGH,
	.cis = "5.6",
	.rationale = "Mounting host system directories (/, /etc, /proc, /sys, /dev, /boot, /usr, "
	             "/lib, /root, /var/lib/docker, all of /home ...) lets the container read host "
	             "credentials and keys and, when writable, change host configuration, binaries "
	             "or other containers' data, which is a direct path to the host. Read-only still "
	             "leaks secrets such as /etc/shadow or SSH keys, so it is reported too (the "
	             "message says which). Read-only time zone and CA certificate files are not "
	             "reported. /var/log is not on the list: log shippers need it, and it holds logs "
	             "rather than host control. A named volume whose local driver binds a host "
	             "path (o=bind or rbind, device=/etc) is judged as that path.",
	.remediation = "Mount only the specific file or application directory the container needs, "
	               "read-only where possible, or use a named volume; copy configuration into the "
	               "image or use configs/secrets instead of mounting /etc.",
	.check_cspec = check_sensitive,
};

static void check_propagation(const struct rule *self, const struct cspec *c,
                              struct findings *out)
{
	for (size_t i = 0; i < c->nmounts; i++) {
		const struct cs_mount *m = &c->mounts[i];
		if (!str_ieq(m->propagation, "shared") && !str_ieq(m->propagation, "rshared"))
			continue;
		finding_add(out, self, c_at(c, m->loc), m->propagation,
		            "%s %s mounts %s with %s propagation", c_kind(c), c_name(c),
		            m->target ? m->target : m->source ? m->source : "a path", m->propagation);
	}
}

const struct rule rule_c_mount_shared = {
	.id = "BW-C024",
	.title = "Mount propagation set to shared",
	.severity = SEV_MEDIUM,
	.cis = "5.20",
	.rationale = "With shared (or rshared) propagation, mounts the container makes below the "
	             "mount point appear on the host and in other containers sharing it, so a "
	             "compromised container can change what the host sees.",
	.remediation = "Drop the shared/rshared option; use the default rprivate, or rslave when the "
	               "container only needs to see host mounts.",
	.check_cspec = check_propagation,
};
