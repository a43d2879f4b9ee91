/* Commented-out lines: which markers a file's type comments with, and the values that in such a
 * line are an example's stand-in rather than a credential (# MYSQL_ROOT_PASSWORD=my-secret-pw). */
#include "secret/secret_int.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool ext_in(const char *ext, const char *const *l)
{
	for (; *l; l++)
		if (!strcmp(ext, *l))
			return true;
	return false;
}

unsigned secret_comment_markers(const char *path)
{
	static const char *const examples[] = { "example", "sample", "dist", "template", "tmpl",
		"tpl", "in", "orig", "bak", "default", "defaults", NULL };
	static const char *const slashes[] = { "js", "mjs", "cjs", "ts", "tsx", "jsx", "go", "java",
		"kt", "kts", "scala", "groovy", "gradle", "c", "h", "cc", "cpp", "hpp", "cs", "swift",
		"rs", "dart", "jsonc", "json5", NULL };
	static const char *const semis[] = { "ini", "cfg", "cnf", "conf", NULL };
	static const char *const both[] = { "php", "tf", "hcl", NULL };
	static const char *const none[] = { "json", "md", "markdown", "rst", "adoc", "html", "htm",
		"xml", NULL };
	char base[256], *dot;
	const char *b = strrchr(path, '/');
	snprintf(base, sizeof base, "%s", b ? b + 1 : path);
	/* config.ini.example is an ini file */
	while ((dot = strrchr(base, '.')) && dot != base && ext_in(dot + 1, examples))
		*dot = '\0';
	dot = strrchr(base, '.');
	if (!strcmp(base, "Jenkinsfile"))
		return SECRET_COMMENT_SLASHES;
	if (!dot || dot == base)
		return SECRET_COMMENT_HASH;      /* .env, Dockerfile, Makefile, no extension */
	for (char *p = dot + 1; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (ext_in(dot + 1, slashes))
		return SECRET_COMMENT_SLASHES;
	if (ext_in(dot + 1, semis))
		return SECRET_COMMENT_HASH | SECRET_COMMENT_SEMI;
	if (ext_in(dot + 1, both))
		return SECRET_COMMENT_HASH | SECRET_COMMENT_SLASHES;
	if (ext_in(dot + 1, none))
		return 0;
	return SECRET_COMMENT_HASH;
}

/* The words a value made up for an example is built from, read through digits written for
 * letters (MyS3cretP4ss!). */
bool comment_placeholder(const uint8_t *s, size_t n)
{
	static const char *const words[] = { "secret", "pass", "pwd", "token", "test", "demo",
		"hunter", "admin", "qwerty", "letmein", "welcome", "default", "foobar", "mysql",
		"postgres", "value", "here", NULL };
	static const char leet[] = "0o1i3e4a5s7t@a$s";
	char low[128];
	if (n >= sizeof low)
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *l = memchr(leet, s[i], sizeof leet - 1);
		low[i] = l && (l - leet) % 2 == 0 ? l[1] : (char)tolower(s[i]);
	}
	low[n] = '\0';
	for (const char *const *w = words; *w; w++)
		if (strstr(low, *w))
			return true;
	return false;
}
