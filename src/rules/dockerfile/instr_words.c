#include "rules/dockerfile/instr_words.h"
#include "model/cspec.h"
#include <ctype.h>
#include <string.h>

const char *df_arg0(const struct df_instr *in)
{
	if (!in)
		return "";
	if (in->argc > 0 && in->argv && in->argv[0])
		return in->argv[0];
	return in->args ? in->args : "";
}

bool df_user_is_root(const char *user)
{
	return user && cs_user_is_root(user);
}

bool df_path_absolute(const char *p)
{
	if (!p)
		return false;
	if (p[0] == '/' || p[0] == '$' || p[0] == '\\')
		return true;
	return isalpha((unsigned char)p[0]) && p[1] == ':' && (p[2] == '\\' || p[2] == '/');
}

bool df_is_var_ref(const char *s)
{
	if (!s || s[0] != '$')
		return false;
	if (s[1] == '{') {
		const char *close = strchr(s, '}');
		return close && close[1] == '\0';
	}
	if (!(isalpha((unsigned char)s[1]) || s[1] == '_'))
		return false;
	for (s += 2; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

size_t df_copy_nsrc(const struct df_instr *in)
{
	return in && in->argc >= 2 && in->argv ? in->argc - 1 : 0;
}

const char *df_copy_dest(const struct df_instr *in)
{
	if (!df_copy_nsrc(in))
		return NULL;
	return in->argv[in->argc - 1];
}
