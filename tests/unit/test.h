/* A tiny unit-test harness: TEST(name) { CHECK(...); } registers itself; tests/unit/main.c runs
 * them all and prints one "ok"/"not ok" line per test. */
#ifndef BW_TEST_H
#define BW_TEST_H
#include <stdio.h>
#include <string.h>

void test_register(const char *name, void (*fn)(void));
extern int test_failed;   /* set by CHECK in the running test */
struct findings;
/* The line of the first error in errs, whose message must hold want (else the test fails and
 * -1 when there is none). Frees errs. */
int test_first_error(struct findings *errs, const char *want);

struct report_opts;
/* The report o describes of f, as a string (malloc'd); the test fails if writing fails. */
char *test_report(const struct findings *f, const struct report_opts *o);

/* Write text to dir/rel, creating the directories between. */
void test_put_file(const char *dir, const char *rel, const char *text);
struct archive;
/* One regular file (mode 0644) of n bytes in a tar being written. */
void test_tar_add(struct archive *a, const char *name, const void *p, size_t n);

#define TEST(name)                                                                     \
	static void name(void);                                                        \
	__attribute__((constructor)) static void reg_##name(void) { test_register(#name, name); } \
	static void name(void)

#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (!(cond)) {                                                         \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
			test_failed = 1;                                               \
		}                                                                      \
	} while (0)

#define CHECK_STR(a, b)                                                                \
	do {                                                                           \
		const char *a_ = (a), *b_ = (b);                                       \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) {                               \
			fprintf(stderr, "  %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
			        a_ ? a_ : "(null)", b_ ? b_ : "(null)");               \
			test_failed = 1;                                               \
		}                                                                      \
	} while (0)

#define CHECK_INT(a, b)                                                                \
	do {                                                                           \
		long long a_ = (long long)(a), b_ = (long long)(b);                    \
		if (a_ != b_) {                                                        \
			fprintf(stderr, "  %s:%d: %s == %lld, expected %lld\n", __FILE__, \
			        __LINE__, #a, a_, b_);                                 \
			test_failed = 1;                                               \
		}                                                                      \
	} while (0)
#endif
