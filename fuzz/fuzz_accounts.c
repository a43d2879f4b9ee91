/* libFuzzer target: the bytes are an account file's content (the layer walker reads up to
 * 1 MiB of /etc/passwd, /etc/group, /etc/shadow or /etc/master.passwd), parsed as each kind. */
#include "collect/accounts.h"
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum img_acctdb dbs[] = { ACCT_PASSWD, ACCT_GROUP, ACCT_SHADOW };
	for (size_t i = 0; i < sizeof dbs / sizeof *dbs; i++) {
		struct img_file f = { 0 };
		accounts_parse(dbs[i], (const char *)data, size, &f);
		for (size_t k = 0; k < f.naccounts; k++)
			if (!f.accounts[k].name || f.accounts[k].line < 1)
				__builtin_trap();
		img_file_clear(&f);
	}
	return 0;
}
