#include "test.h"
#include "model/finding.h"
#include "report/report.h"
#include <stdlib.h>

int test_failed;
static struct { const char *name; void (*fn)(void); } tests[1024];
static int ntests;

void test_register(const char *name, void (*fn)(void))
{
	if (ntests < (int)(sizeof tests / sizeof *tests))
		{ tests[ntests].name = name; tests[ntests].fn = fn; ntests++; }
}

char *test_report(const struct findings *f, const struct report_opts *o)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	CHECK_INT(report_write(fp, f, o), 0);
	fclose(fp);
	return s;
}

int test_first_error(struct findings *errs, const char *want)
{
	int line = errs->nerrors ? errs->errors[0].line : -1;
	if (!errs->nerrors || !strstr(errs->errors[0].message, want)) {
		fprintf(stderr, "  expected \"%s\" in: %s\n", want,
		        errs->nerrors ? errs->errors[0].message : "(no error)");
		test_failed = 1;
	}
	findings_free(errs);
	return line;
}

int main(int argc, char **argv)
{
	int failed = 0;
	for (int i = 0; i < ntests; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		test_failed = 0;
		tests[i].fn();
		printf("%s - unit: %s\n", test_failed ? "not ok" : "ok", tests[i].name);
		failed |= test_failed;
	}
	return failed;
}
