/* libFuzzer target: the bytes are one AuthZPlugin.AuthZReq body, decided under the built-in
 * policy (loaded once, as the server does). Every input must yield a decision. */
#include "authz/authz.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct authz_policy *policy;
	if (!policy)
		policy = authz_policy_default();
	struct authz_decision d;
	authz_decide(policy, (const char *)data, size, &d);
	if (!d.allow && !d.msg)
		abort();
	authz_decision_free(&d);
	return 0;
}
