/* libFuzzer target: the bytes are one authorization policy file. It loads or it is refused with
 * errors, never both or neither; a loaded policy then decides a few requests. */
#include "authz/authz_int.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const requests[] = {
	"{\"User\":\"\",\"RequestMethod\":\"HEAD\",\"RequestURI\":\"/_ping\"}",
	"{\"User\":\"bob\",\"RequestMethod\":\"POST\",\"RequestURI\":\"/images/create?fromImage="
	"ghcr.io%2Fx%2Fy&tag=1\"}",
	"{\"User\":\"alice\",\"RequestMethod\":\"POST\",\"RequestURI\":\"/containers/create?name=web"
	"\",\"RequestBody\":\"eyJJbWFnZSI6ImFscGluZSIsIkxhYmVscyI6eyJ0ZWFtIjoid2ViIn0sIkhvc3RDb25m"
	"aWciOnsiUHJpdmlsZWdlZCI6dHJ1ZX19\"}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	struct findings errs = { 0 };
	struct authz_policy *p = authz_policy_parse("fuzz.yaml", (const char *)data, size, &errs);
	if (!p != (errs.nerrors > 0))
		abort();
	for (size_t i = 0; p && i < sizeof requests / sizeof *requests; i++) {
		struct authz_decision d;
		authz_decide(p, requests[i], strlen(requests[i]), &d);
		if (!d.allow && !d.msg)
			abort();
		authz_decision_free(&d);
	}
	authz_policy_free(p);
	findings_free(&errs);
	return 0;
}
