#include "test.h"
#include <stdlib.h>

int test_failed;
static struct { const char *name; void (*fn)(void); } tests[1024];
static int ntests;

void test_register(const char *name, void (*fn)(void))
{
	if (ntests < (int)(sizeof tests / sizeof *tests))
		{ tests[ntests].name = name; tests[ntests].fn = fn; ntests++; }
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
