/* Where dockerd's command line comes from: a running dockerd's /proc/PID/cmdline, or, when
 * none runs, the ExecStart= line of its systemd unit. */
#include "collect/daemon_int.h"
#include "util/util.h"
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CMDLINE_MAX (1u << 20)

void dargv_free(char **argv, size_t argc)
{
	for (size_t i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

static bool is_dockerd(const char *arg0)
{
	const char *slash = strrchr(arg0, '/');
	return !strcmp(slash ? slash + 1 : arg0, "dockerd");
}

/* The NUL-separated words of a cmdline file; false when unreadable or empty (kernel threads,
 * processes that exited meanwhile: not errors). */
static bool read_cmdline(const char *path, char ***argv, size_t *argc)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct buf b = { 0 };
	size_t cap = 0;
	if (fd < 0)
		return false;
	for (;;) {
		buf_reserve(&b, 4096);
		ssize_t r = read(fd, b.s + b.len, 4096);
		if (r <= 0 || b.len + (size_t)r > CMDLINE_MAX)
			break;
		b.len += (size_t)r;
	}
	close(fd);
	*argv = NULL;
	*argc = 0;
	for (size_t at = 0; at < b.len;) {
		size_t n = strnlen(b.s + at, b.len - at);
		GROW(*argv, cap, *argc);
		(*argv)[(*argc)++] = xstrndup(b.s + at, n);
		at += n + 1;
	}
	free(b.s);
	return *argc > 0;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static int by_pid(const void *a, const void *b)
{
	const struct dproc *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

size_t dproc_find(const char *root, struct dproc **out)
{
	char *dir = xasprintf("%s/proc", root);
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t n = 0, cap = 0;
	*out = NULL;
	while (dp && (e = readdir(dp))) {
		char **argv;
		size_t argc;
		if (!all_digits(e->d_name) || strlen(e->d_name) > 9)
			continue;
		char *path = xasprintf("%s/%s/cmdline", dir, e->d_name);
		if (read_cmdline(path, &argv, &argc)) {
			if (is_dockerd(argv[0])) {
				GROW(*out, cap, n);
				(*out)[n++] = (struct dproc){ atoi(e->d_name), argv, argc };
			} else {
				dargv_free(argv, argc);
			}
		}
		free(path);
	}
	if (dp)
		closedir(dp);
	free(dir);
	if (n > 1)
		qsort(*out, n, sizeof **out, by_pid);
	return n;
}

void dproc_free(struct dproc *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dargv_free(p[i].argv, p[i].argc);
	free(p);
}

/* systemd's word splitting of a command line: blanks separate words, "..." and '...' quote,
 * backslash escapes the next character. */
static size_t split_words(const char *s, char ***argv)
{
	size_t n = 0, cap = 0;
	*argv = NULL;
	for (;;) {
		struct buf w = { 0 };
		char q = 0;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		buf_add(&w, "", 0);
		for (; *s && (q || (*s != ' ' && *s != '\t')); s++) {
			if (q && *s == q)
				q = 0;
			else if (!q && (*s == '"' || *s == '\''))
				q = *s;
			else if (*s == '\\' && s[1])
				buf_addc(&w, *++s);
			else
				buf_addc(&w, *s);
		}
		GROW(*argv, cap, n);
		(*argv)[n++] = buf_take(&w);
	}
	return n;
}

/* A unit line with its continuation lines (ending in '\') joined; *p moves past them and
 * *lines counts them. */
static char *logical_line(const char **p, int *lines)
{
	struct buf b = { 0 };
	const char *first = *p + strspn(*p, " \t");
	bool comment = *first == '#' || *first == ';';   /* comments do not continue */
	buf_add(&b, "", 0);
	for (;;) {
		const char *e = strchr(*p, '\n');
		size_t n = e ? (size_t)(e - *p) : strlen(*p);
		while (n && (*p)[n - 1] == '\r')
			n--;
		bool cont = !comment && n && (*p)[n - 1] == '\\';
		buf_add(&b, *p, cont ? n - 1 : n);
		*p = e ? e + 1 : *p + strlen(*p);
		++*lines;
		if (!cont || !e)
			break;
		buf_addc(&b, ' ');
	}
	return buf_take(&b);
}

/* The words of an ExecStart= value, prefixes ("-@:+!") and $VARIABLE words dropped. */
static size_t exec_words(const char *val, char ***argv)
{
	char **w;
	size_t n = split_words(val, &w), k = 0;
	if (n)
		memmove(w[0], w[0] + strspn(w[0], "-@:+!"), strlen(w[0] + strspn(w[0], "-@:+!")) + 1);
	for (size_t i = 0; i < n; i++) {
		if (w[i][0] == '$')
			free(w[i]);
		else
			w[k++] = w[i];
	}
	*argv = w;
	return k;
}

bool dunit_execstart(const char *text, char ***argv, size_t *argc, int *line)
{
	const char *p = text;
	bool service = false;
	char *last = NULL;
	int last_line = 0, lines = 0;
	while (*p) {
		int at = lines + 1;
		char *l = logical_line(&p, &lines), *t = str_trim(l);
		if (*t == '[')
			service = !strcmp(t, "[Service]");
		else if (service && str_prefix(t, "ExecStart") && *str_trim(t + 9) == '=') {
			char *v = str_trim(strchr(t, '=') + 1);
			free(last);
			last = *v ? xstrdup(v) : NULL;     /* an empty ExecStart= resets the list */
			last_line = at;
		}
		free(l);
	}
	*argv = NULL;
	*argc = 0;
	if (!last)
		return false;
	*argc = exec_words(last, argv);
	free(last);
	*line = last_line;
	if (*argc && is_dockerd((*argv)[0]))
		return true;
	dargv_free(*argv, *argc);
	*argv = NULL;
	*argc = 0;
	return false;
}
