#include "collect/cosign.h"
#include "util/pubkey.h"
#include "util/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_FILE_MAX (1u << 20)

int cosign_read_key(const char *path, struct sig_key *k, char **err)
{
	FILE *fp = fopen(path, "rb");
	memset(k, 0, sizeof *k);
	if (!fp) {
		*err = xasprintf("cannot read the key: %s", strerror(errno));
		return -1;
	}
	char *buf = xmalloc(KEY_FILE_MAX + 1);
	size_t n = fread(buf, 1, KEY_FILE_MAX + 1, fp);
	bool bad = ferror(fp);
	fclose(fp);
	char *why = NULL;
	if (bad)
		*err = xstrdup("cannot read the key");
	else if (n > KEY_FILE_MAX)
		*err = xstrdup("larger than 1 MiB: not a public key");
	else if (!(k->key = pubkey_parse(buf, n, &why)))
		*err = why;
	free(buf);
	if (!k->key)
		return -1;
	k->name = xstrdup(path);
	return 0;
}

void cosign_key_free(struct sig_key *k)
{
	pubkey_free(k->key);
	free(k->name);
	memset(k, 0, sizeof *k);
}
