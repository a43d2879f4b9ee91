/* The RUN-command iterator and the package-manager table the RUN rules are written against. */
#include "test.h"
#include "model/dockerfile.h"
#include "rules/dockerfile/pkg_managers.h"
#include <stdlib.h>

static struct dockerfile *parse(const char *text)
{
	char *err = NULL;
	int line = 0;
	struct dockerfile *df = dockerfile_parse("Dockerfile", text, strlen(text), &err, &line);
	CHECK(df != NULL);
	free(err);
	return df;
}

/* name:line of every command the walk yields, with the RUN's instruction index */
static void walk(const struct dockerfile *df, char *buf, size_t n, bool skip_first_of_run)
{
	struct run_walk w;
	size_t len = 0;
	buf[0] = '\0';
	for (const struct rcmd *c = run_first(&w, df); c; c = run_next(&w)) {
		len += (size_t)snprintf(buf + len, n - len, "%s%s:%d@%zu", len ? " " : "", c->name,
		                        c->line, w.idx);
		if (skip_first_of_run && c->index == 0)
			run_skip(&w);
	}
}

TEST(run_walk_every_command)
{
	struct dockerfile *df = parse(
		"FROM alpine\n"
		"RUN\n"                                          /* no command */
		"RUN apk add curl && \\\n    sudo -u app env A=1 make install | tee log\n"
		"COPY a b\n"
		"RUN [\"apt-get\", \"update\"]\n"                /* JSON form, no shell */
		"ONBUILD RUN cd /x; ls\n"
		"RUN [\"sh\", \"-c\", \" \"]\n"           /* a script of no commands: argv is one */
		"RUN true\n");
	char got[512];
	walk(df, got, sizeof got, false);
	CHECK_STR(got, "apk:3@2 make:4@2 tee:4@2 apt-get:6@4 cd:7@5 ls:7@5 sh:8@6 true:9@7");
	walk(df, got, sizeof got, true);
	CHECK_STR(got, "apk:3@2 apt-get:6@4 cd:7@5 sh:8@6 true:9@7");
	dockerfile_free(df);
}

TEST(run_walk_one_run)
{
	struct dockerfile *df = parse("FROM alpine\nRUN a; b\nRUN c\n");
	struct run_walk w;
	const struct rcmd *c = run_cmds(&w, &df->instr[1], 0);
	CHECK(c && !strcmp(c->name, "a") && c->index == 0 && !run_ends(&w));
	c = run_next(&w);
	CHECK(c && !strcmp(c->name, "b") && c->index == 1 && run_ends(&w));
	CHECK(run_next(&w) == NULL);                     /* not on into the next RUN */
	dockerfile_free(df);
}

TEST(run_walk_no_runs)
{
	struct dockerfile *df = parse("FROM alpine\nCOPY a b\n");
	struct run_walk w;
	CHECK(run_first(&w, df) == NULL);
	dockerfile_free(df);
}

/* The manager, subcommand and first package of a one-command RUN. */
static void pm_case(const char *run, enum pm want, bool install, const char *pkg, bool pinned)
{
	char text[256];
	snprintf(text, sizeof text, "FROM x\nRUN %s\n", run);
	struct dockerfile *df = parse(text);
	struct run_walk w;
	const struct rcmd *c = run_first(&w, df);
	struct pkgs p;
	enum pm pm = PM_NONE;
	long a;
	CHECK(c != NULL);
	if (!c)
		return;
	if (pm_of(c) != want || pm_pkgs(c, &pm, &p) != install) {
		fprintf(stderr, "  %s: pm %d, want %d (install %d)\n", run, pm_of(c), want, install);
		test_failed = 1;
	}
	if (install && pkg) {
		a = rc_operand(c, p.o, &p.first);
		CHECK(a >= 0);
		if (a >= 0) {
			CHECK_STR(c->argv[a], pkg);
			CHECK_INT(p.pinned(c->argv[a]), pinned);
		}
	}
	dockerfile_free(df);
}

TEST(pkg_managers_install_verbs)
{
	pm_case("apt-get -o Dpkg::Options::=x install -y curl", PM_APT, true, "curl", false);
	pm_case("apt install curl=7.1", PM_APT, true, "curl=7.1", true);
	pm_case("apk add --virtual .deps bash=5.2-r0", PM_APK, true, "bash=5.2-r0", true);
	pm_case("dnf5 install -y httpd-2.4.57", PM_YUM, true, "httpd-2.4.57", true);
	pm_case("microdnf install nginx", PM_YUM, true, "nginx", false);
	pm_case("yum module install nodejs", PM_YUM, true, "nodejs", false);
	pm_case("yum module install nodejs:18", PM_YUM, true, "nodejs:18", true);
	pm_case("zypper in curl", PM_ZYPPER, true, "curl", false);
	pm_case("zypper -n install -t pattern devel", PM_ZYPPER, false, NULL, false);
	pm_case("npm i left-pad@1.3.0", PM_NPM, true, "left-pad@1.3.0", true);
	pm_case("npm isntall typescript", PM_NPM, true, "typescript", false);
	pm_case("npm ci", PM_NPM, false, NULL, false);
	pm_case("pip3.12 install flask", PM_PIP, true, "flask", false);
	pm_case("pip install -r requirements.txt", PM_PIP, false, NULL, false);
	pm_case("gem i rails:7.1.3", PM_GEM, true, "rails:7.1.3", true);
	pm_case("gem install rails -v 7", PM_GEM, false, NULL, false);
	pm_case("go install golang.org/x/tools/gopls@latest", PM_GO, true,
	        "golang.org/x/tools/gopls@latest", false);
	pm_case("go run -tags x example.com/gen@latest -o out", PM_GO, true, "example.com/gen@latest",
	        false);
	pm_case("go run cmd/internal/tool", PM_GO, true, "cmd/internal/tool", true);
	pm_case("go run main.go", PM_GO, true, "main.go", true);
	pm_case("pipx install black", PM_PIPX, true, "black", false);
	pm_case("pipx install --python python3.12 black==24.4.2", PM_PIPX, true, "black==24.4.2",
	        true);
	pm_case("pip install --root-user-action ignore 'pkg @ git+https://h/o/r.git#egg=pkg'", PM_PIP,
	        true, "pkg @ git+https://h/o/r.git#egg=pkg", false);
	pm_case("pip install git+https://h/o/r.git@v1.2#egg=r", PM_PIP, true,
	        "git+https://h/o/r.git@v1.2#egg=r", true);
	pm_case("pip install git+https://h/o/r.git@refs/tags/v1", PM_PIP, true,
	        "git+https://h/o/r.git@refs/tags/v1", true);
	pm_case("pip install git+ssh://git@h/o/r.git", PM_PIP, true, "git+ssh://git@h/o/r.git", false);
	pm_case("pip install git+ssh://git@h/o/r.git@master", PM_PIP, true,
	        "git+ssh://git@h/o/r.git@master", false);
	pm_case("pip install git+git@h:o/r.git@3f2a9c1", PM_PIP, true, "git+git@h:o/r.git@3f2a9c1",
	        true);
	pm_case("pip install git+git@h:o/r.git", PM_PIP, true, "git+git@h:o/r.git", false);
	pm_case("apt-cache show curl", PM_NONE, false, NULL, false);
}

/* The subcommand of a one-command RUN is in list. */
static bool sub_case(const char *run, enum pm pm, const char *const *list)
{
	char text[256];
	snprintf(text, sizeof text, "FROM x\nRUN %s\n", run);
	struct dockerfile *df = parse(text);
	struct run_walk w;
	const struct rcmd *c = run_first(&w, df);
	bool in = c && pm_sub_in(c, pm, list);
	dockerfile_free(df);
	return in;
}

TEST(pkg_managers_table)
{
	CHECK(sub_case("zypper si foo", PM_ZYPPER, pm_get(PM_ZYPPER)->prompts));
	CHECK(sub_case("zypper dup", PM_ZYPPER, pm_get(PM_ZYPPER)->upgrades));
	CHECK(sub_case("zypper cc -a", PM_ZYPPER, pm_get(PM_ZYPPER)->cleans));
	CHECK(sub_case("yum -y localinstall x.rpm", PM_YUM, pm_get(PM_YUM)->prompts));
	CHECK(sub_case("apt-get full-upgrade", PM_APT, pm_get(PM_APT)->upgrades));
	CHECK(sub_case("apt-get build-dep x", PM_APT, pm_get(PM_APT)->index_users));
	CHECK(sub_case("apk fix", PM_APK, pm_get(PM_APK)->index_users));
	CHECK(!sub_case("apk update", PM_APK, pm_get(PM_APK)->index_users));
	CHECK(!sub_case("yum update", PM_YUM, pm_get(PM_YUM)->upgrades));    /* none listed */
	CHECK_STR(pm_get(PM_YUM)->clean_arg, "all");
	CHECK_STR(pm_get(PM_ZYPPER)->yes_hint, "-n (--non-interactive)");
	CHECK_STR(pm_get(PM_APK)->pin_what, "add without version pins");
	for (int p = PM_NONE + 1; p < PM_COUNT; p++)
		CHECK(pm_get(p)->cmds && pm_get(p)->installs && pm_get(p)->pinned
		      && pm_get(p)->pin_what);
}

/* -y inside a cluster counts; the value of an option that takes one does not */
TEST(pkg_managers_assume_yes)
{
	struct { const char *run; enum pm pm; bool yes; } cases[] = {
		{ "apt-get install -qy curl", PM_APT, true },
		{ "apt-get install --assume-yes curl", PM_APT, true },
		{ "apt-get -o -y install curl", PM_APT, false },
		{ "dnf install --assumeyes x", PM_YUM, true },
		{ "zypper --non-interactive in x", PM_ZYPPER, true },
		{ "zypper --no-confirm in x", PM_ZYPPER, true },
		{ "zypper in x", PM_ZYPPER, false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char text[256];
		snprintf(text, sizeof text, "FROM x\nRUN %s\n", cases[i].run);
		struct dockerfile *df = parse(text);
		struct run_walk w;
		const struct rcmd *c = run_first(&w, df);
		if (!c || pm_assumes_yes(c, cases[i].pm) != cases[i].yes) {
			fprintf(stderr, "  %s: expected %d\n", cases[i].run, cases[i].yes);
			test_failed = 1;
		}
		dockerfile_free(df);
	}
}
