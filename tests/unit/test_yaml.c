/* The YAML reader: what docker compose (Go's yaml.v3) reads is read, alias bombs stop under the
 * memory cap, and malformed text leaves nothing allocated behind. */
#include "test.h"
#include "util/util.h"
#include "util/yaml.h"
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

static struct ynode *doc(const char *text, int *line, char **msg)
{
	return yaml_load_doc(text, strlen(text), line, msg);
}

static const struct ynode *path(const struct ynode *n, const char *a, const char *b,
                                const char *c, const char *d)
{
	const char *keys[] = { a, b, c, d };
	for (int i = 0; i < 4 && n && keys[i]; i++)
		n = y_get(n, keys[i]);
	return n;
}

/* services.db.healthcheck.test of text holds CMD, pg_isready, -U, app on lines 6, 6, 7, 7. */
static void check_test_list(const char *text)
{
	int line = 0;
	char *msg = NULL;
	struct ynode *r = doc(text, &line, &msg);
	CHECK(r != NULL);
	CHECK_STR(msg ? msg : "", "");
	const struct ynode *t = path(r, "services", "db", "healthcheck", "test");
	const char *want[] = { "CMD", "pg_isready", "-U", "app" };
	CHECK(t && t->kind == Y_SEQ && t->n == 4);
	for (size_t i = 0; t && t->kind == Y_SEQ && i < 4 && i < t->n; i++) {
		CHECK_STR(y_text(t->items[i]), want[i]);
		CHECK_INT(y_scalar_line(t->items[i]), 6 + (int)i / 2);
		CHECK(t->items[i]->quoted);
	}
	CHECK_INT(t ? t->line : 0, 5);
	y_free(r);
	free(msg);
}

#define HC "services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\n" \
           "        \"CMD\", \"pg_isready\",   # comment\n        \"-U\", \"app\"\n"

/* libfyaml 0.7 refused these: "wrongly indented sequence end in flow mode". */
TEST(yaml_flow_end_at_key_indent)
{
	check_test_list(HC "      ]\n");        /* at the key's column */
	check_test_list(HC "    ]\n");          /* left of the key */
	check_test_list(HC "]\n");              /* at column 0 */
	check_test_list(HC "      ]\n---\n");
	check_test_list(HC "        ]\n");      /* right of it, as before */

	const char *maps[] = { "    }\n", "}\n", "  }\n" };
	for (size_t i = 0; i < 3; i++) {
		char *text = xasprintf("services:\n  db:\n    environment: {\n      A: b,   # comment\n"
		                       "      C: d\n%s    image: x\n", maps[i]);
		int line = 0;
		char *msg = NULL;
		struct ynode *r = doc(text, &line, &msg);
		const struct ynode *env = path(r, "services", "db", "environment", NULL);
		CHECK(r && !msg && env && env->kind == Y_MAP && env->n == 2);
		CHECK_STR(y_text(y_get(env, "C")), "d");
		CHECK_INT(env ? env->line : 0, 3);
		CHECK_STR(y_text(path(r, "services", "db", "image", NULL)), "x");
		CHECK_INT(y_scalar_line(path(r, "services", "db", "image", NULL)), 7);
		y_free(r);
		free(msg);
		free(text);
	}
	/* a flow sequence in a block sequence, closed at the dash's column */
	int line = 0;
	char *msg = NULL;
	struct ynode *r = doc("a:\n  - [\n    x, # c\n  ]\n  - y\n", &line, &msg);
	const struct ynode *a = path(r, "a", NULL, NULL, NULL);
	CHECK(r && !msg && a && a->kind == Y_SEQ && a->n == 2);
	if (a && a->kind == Y_SEQ && a->n == 2) {
		CHECK(a->items[0]->kind == Y_SEQ && a->items[0]->n == 1);
		CHECK_STR(y_text(a->items[1]), "y");
		CHECK_INT(y_scalar_line(a->items[1]), 5);
	}
	y_free(r);
	free(msg);
}

/* yaml.v3 keeps a colon before a flow indicator in the plain scalar: `[a:]` is ["a:"]. */
TEST(yaml_flow_colon_scalars)
{
	int line = 0;
	char *msg = NULL;
	struct ynode *r = doc("dns_opt: [ndots:2, timeout:]\nx: {b:, it's:}\ny: [p\n  q:, r]\nz: 1\n",
	                      &line, &msg);
	CHECK(r && !msg);
	const struct ynode *d = y_get(r, "dns_opt"), *x = y_get(r, "x"), *y = y_get(r, "y");
	CHECK(d && d->kind == Y_SEQ && d->n == 2);
	if (d && d->kind == Y_SEQ && d->n == 2) {
		CHECK_STR(y_text(d->items[0]), "ndots:2");
		CHECK_STR(y_text(d->items[1]), "timeout:");
	}
	CHECK(x && x->kind == Y_MAP && x->n == 2);
	if (x && x->kind == Y_MAP && x->n == 2) {
		CHECK_STR(x->pairs[0].key, "b:");
		CHECK(x->pairs[0].val->kind == Y_NULL);
		CHECK_STR(x->pairs[1].key, "it's:");
	}
	CHECK(y && y->kind == Y_SEQ && y->n == 2);
	if (y && y->kind == Y_SEQ && y->n == 2) {
		CHECK_STR(y_text(y->items[0]), "p q:");
		CHECK_STR(y_text(y->items[1]), "r");
		CHECK_INT(y_scalar_line(y->items[1]), 4);
	}
	CHECK_INT(y_scalar_line(y_get(r, "z")), 5);
	y_free(r);
	free(msg);

	size_t n;
	char *q = yaml_quote_colons("a: [b:, \"c:\", d:]\n", 18, &n);
	CHECK_STR(q, "a: ['b:', \"c:\", 'd:']\n");
	CHECK_INT(n, 22);
	free(q);
	CHECK(yaml_quote_colons("a: [b: c, d]\nx: y:z\n", 20, &n) == NULL);

	/* yaml.v3 refuses these too */
	const char *bad[] = { "a: [b:?]\n", "a: [b:[c]]\n", "a: {b:{c: d}}\n" };
	for (size_t i = 0; i < 3; i++) {
		CHECK(!doc(bad[i], &line, &msg) && msg);
		CHECK_STR(msg, "found unexpected ':'");
		CHECK_INT(line, 1);
		free(msg);
	}
	/* the rewrites are bounded: past 32 of them the file is refused */
	struct buf b = { 0 };
	buf_adds(&b, "a: [");
	for (int i = 0; i < 40; i++)
		buf_printf(&b, "k%d:, ", i);
	buf_adds(&b, "z]\n");
	CHECK(!doc(b.s, &line, &msg) && msg);
	CHECK_STR(msg, "found unexpected ':'");
	free(msg);
	free(b.s);
}

static const char bomb[] =
	"a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
	"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	"i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";

struct errs { int n, line; char msg[160]; };

static void keep(void *u, int line, const char *msg)
{
	struct errs *e = u;
	if (e->n++ == 0) {
		e->line = line;
		snprintf(e->msg, sizeof e->msg, "%s", msg);
	}
}

static bool parse(const char *text, struct ybudget *budget, struct errs *e)
{
	struct yread r = { .budget = budget, .error = keep, .u = e };
	struct ynode **docs;
	size_t n;
	bool ok = yaml_parse(&r, text, strlen(text), &docs, &n);
	for (size_t i = 0; i < n; i++)
		y_free(docs[i]);
	if (ok)
		free(docs);
	return ok;
}

#ifndef SANITIZED   /* shadow memory and redzones make RSS meaningless there */
/* A "Vm...:" line of /proc/self/status, in KiB; -1 when absent. */
static long status_kib(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t n = strlen(field);
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, field, n) == 0)
			v = atol(line + n);
	if (f)
		fclose(f);
	return v;
}

/* Peak RSS growth, in KiB, of parsing text in a child process; -1 when it cannot be told. The
 * child gives its free heap back and resets its peak to its current size first. */
static long child_peak_kib(const char *text)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		long grow = -1;
		malloc_trim(0);   /* the freed heap the parent left resident would hide the growth */
		FILE *c = fopen("/proc/self/clear_refs", "w");
		if (c && fputs("5", c) >= 0 && fclose(c) == 0) {
			long before = status_kib("VmRSS:");
			struct ybudget budget = { 0 };
			struct errs e = { 0 };
			parse(text, &budget, &e);
			long peak = status_kib("VmHWM:");
			grow = before < 0 || peak < 0 ? -1 : peak - before;
		}
		ssize_t w = write(fd[1], &grow, sizeof grow);
		_exit(w == sizeof grow ? 0 : 1);
	}
	close(fd[1]);
	long grow = -1;
	if (pid < 0 || read(fd[0], &grow, sizeof grow) != sizeof grow)
		grow = -1;
	close(fd[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return grow;
}
#endif

/* 9^9 strings from 414 bytes: libfyaml's reader took 131 MiB before refusing it. */
TEST(yaml_alias_bomb)
{
	struct ybudget budget = { 0 };
	struct errs e = { 0 };
	CHECK(!parse(bomb, &budget, &e));
	CHECK_INT(e.n, 1);
	CHECK_STR(e.msg, "document too large after alias expansion (over 32 MiB of nodes)");
	CHECK_INT(e.line, 6);
	CHECK(budget.exceeded);
	CHECK(budget.bytes <= Y_MAX_BYTES + Y_NODE_COST + Y_STR_COST + 16);
#ifndef SANITIZED
	/* bulwark itself starts at about 13 MiB: the tree must stay well under the rest of 64 */
	long kib = child_peak_kib(bomb);
	CHECK(kib >= 0 && kib < 40 * 1024);
	if (kib < 0 || kib >= 40 * 1024)
		fprintf(stderr, "  peak RSS growth %ld KiB\n", kib);
#endif
	/* five levels (9^5 strings at the last) are read */
	char *five = xstrndup(bomb, (size_t)(strstr(bomb, "f: ") - bomb));
	struct ybudget b5 = { 0 };
	struct errs e5 = { 0 };
	CHECK(parse(five, &b5, &e5));
	CHECK_INT(e5.n, 0);
	CHECK(!b5.exceeded && b5.nodes > 59049);
	free(five);
}

/* Every document of a real-size file is far inside the budget. */
TEST(yaml_budget_fits_large_files)
{
	struct buf b = { 0 };
	buf_adds(&b, "x-common: &common\n  restart: always\n  environment:\n");
	for (int i = 0; i < 50; i++)
		buf_printf(&b, "    VAR_%d: value-%d\n", i, i);
	buf_adds(&b, "services:\n");
	for (int i = 0; i < 300; i++)
		buf_printf(&b, "  svc%d:\n    <<: *common\n    image: registry.example/app%d:1.%d\n"
		           "    ports: [\"%d:80\"]\n", i, i, i, 10000 + i);
	struct ybudget budget = { 0 };
	struct errs e = { 0 };
	CHECK(parse(b.s, &budget, &e));
	CHECK_INT(e.n, 0);
	CHECK(!budget.exceeded && budget.nodes > 300 * 100 && budget.bytes < Y_MAX_BYTES / 2);
	free(b.s);
}

/* Malformed text of every kind, and every prefix of a valid compose file, read over and over:
 * the heap stops growing (libfyaml's reader leaked its parser on every malformed file, 77 KB a
 * round here; the allocator's caches make a few KB of noise). LeakSanitizer checks the same
 * exactly in sanitizer builds. */
TEST(yaml_malformed_frees_everything)
{
	static const char *const bad[] = {
		"a: \"abc\n", "a: 'x", "- \"x\\", "a: |\n  x\n \"", "ser:\n     ? -- er:\t     ? - /\n",
		"a:\n\t- b\n", "a: [1, 2\nb: 3\n", "a: {b: 1\n", "]\n", "}\n", "a: b: c\n", "- a\nb: c\n",
		"%YAML 2.0\n---\na: 1\n", "%FOO\n", "a: &x [1]\nb: *y\n", "a: 1\na: 2\n", "? [a]\n: b\n",
		"a: !<\n", "&\n", "*\n", "a: \"\\xZZ\"\n", "a: \xff\n", "a: \x01\n", "a: [b:?]\n",
		"a: &x\n  b: *x\n", "<<: 1\n", "a:\n  <<: [1]\n", "--- [\n--- {\n", "a: >\n  x\n y: 1\n",
		"a:\n  - b\n  c: d\n", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]",
		"'", "\"", "[", "{", "|\n x\ny\n", "a: [b, {c: [d, {e: \n", bomb,
	};
	static const char good[] = "x-common: &c\n  restart: always\nservices:\n  web:\n"
	                           "    <<: *c\n    image: \"nginx:1.27\"\n    ports: ['80:80']\n"
	                           "    command: >-\n      run\n      --flag\n    environment: {A: b}\n";
	size_t nbad = sizeof bad / sizeof *bad, reported = 0, refused = 0;
	size_t heap = 0, grown = SIZE_MAX;
	/* Rounds 0-5 warm the allocator; then the heap is measured over windows of 6 rounds. A leak
	 * grows it in every window; other threads of earlier tests touching the main arena may
	 * disturb one window, so up to three are tried. */
	int rounds = 0;
	for (int window = 0; window < 4 && grown >= 16384; window++) {
		if (window)
			heap = mallinfo2().uordblks;
		for (int round = 0; round < 6; round++, rounds++) {
			for (size_t i = 0; i < nbad; i++) {
				struct ybudget budget = { 0 };
				struct errs e = { 0 };
				parse(bad[i], &budget, &e);
				reported += e.n > 0;
			}
			for (size_t k = 1; k < sizeof good - 1; k++) {
				char *prefix = xstrndup(good, k);
				struct ybudget budget = { 0 };
				struct errs e = { 0 };
				refused += !parse(prefix, &budget, &e);
				free(prefix);
			}
		}
		if (window)
			grown = mallinfo2().uordblks - heap;
	}
	CHECK(grown < 16384);
	if (grown >= 16384)
		fprintf(stderr, "  the heap grew by %zu bytes in each of 3 windows of 6 rounds\n", grown);
	CHECK_INT(reported, (size_t)rounds * nbad);
	CHECK(refused >= (size_t)rounds * 10);
}
