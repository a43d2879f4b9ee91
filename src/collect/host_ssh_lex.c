/* sshd_config's words, split as sshd splits them: the keyword (and a Match line's words) one
 * way, the arguments another. */
#include "collect/host_ssh_int.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static const char BLANKS[] = " \t\r\n";

char *ssh_word(char **s)
{
	char *old = *s;
	if (!old)
		return NULL;
	char *p = strpbrk(old, " \t\r\n\"=");
	if (!p) {
		*s = NULL;
		return old;
	}
	if (*p == '"') {
		/* the quote is dropped and the word runs to the next one */
		memmove(p, p + 1, strlen(p));
		char *q = strchr(p, '"');
		if (!q)
			return NULL;
		*q = '\0';
		*s = q + 1 + strspn(q + 1, BLANKS);
		return old;
	}
	bool equals = *p == '=';
	*p = '\0';
	p += 1 + strspn(p + 1, BLANKS);
	if (*p == '=' && !equals)
		p += 1 + strspn(p + 1, BLANKS);
	*s = p;
	return old;
}

/* One argument from s[*i] on into out; false for an unterminated quote. */
static bool one_arg(const char *s, size_t *i, char *out)
{
	char quote = 0;
	size_t j = 0;
	for (; s[*i]; (*i)++) {
		char c = s[*i], n = s[*i + 1];
		if (c == '\\' && (n == '\'' || n == '"' || n == '\\' || (!quote && n == ' '))) {
			out[j++] = n;
			(*i)++;
		} else if (!quote && (c == ' ' || c == '\t')) {
			break;
		} else if (!quote && (c == '"' || c == '\'')) {
			quote = c;
		} else if (quote && c == quote) {
			quote = 0;
		} else {
			out[j++] = c;
		}
	}
	out[j] = '\0';
	return !quote;
}

int ssh_args(const char *s, char ***v, char **buf)
{
	size_t len = strlen(s), used = 0, i = 0;
	int n = 0;
	char *store = xmalloc(2 * len + 2);
	char **args = xcalloc(SSH_MAX_ARGS + 1, sizeof *args);
	while (s[i] && n < SSH_MAX_ARGS) {
		if (s[i] == ' ' || s[i] == '\t') {
			i++;
			continue;
		}
		if (s[i] == '#')
			break;
		args[n++] = store + used;
		if (!one_arg(s, &i, store + used)) {
			free(store);
			free(args);
			*v = NULL;
			*buf = NULL;
			return -1;
		}
		used += strlen(store + used) + 1;
	}
	*v = args;
	*buf = store;
	return n;
}
