/* Commands such as `auditctl -l`: run directly (no shell), stdin and stderr on /dev/null, output and run time
 * bounded, any failure ignored. */
#include "collect/host_int.h"
#include "util/util.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { EXEC_MAX_OUT = 4 << 20, EXEC_TIMEOUT_MS = 5000 };

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Read the child's output until EOF, the size bound or the deadline; false on the latter two. */
static bool drain(int fd, struct buf *b)
{
	long deadline = now_ms() + EXEC_TIMEOUT_MS;
	char chunk[16384];
	for (;;) {
		long left = deadline - now_ms();
		struct pollfd p = { fd, POLLIN, 0 };
		if (left <= 0)
			return false;
		int rc = poll(&p, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			return false;
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0;
		if (b->len + (size_t)n > EXEC_MAX_OUT)
			return false;
		buf_add(b, chunk, (size_t)n);
	}
}

static pid_t spawn(const char *const argv[], int out_fd)
{
	static char *const env[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C", NULL };
	const char *path = argv[0];
	posix_spawn_file_actions_t fa;
	pid_t pid;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	int rc = posix_spawn(&pid, path, &fa, NULL, (char *const *)argv, env);
	posix_spawn_file_actions_destroy(&fa);
	return rc == 0 ? pid : -1;
}

char *host_auditctl(const char *path)
{
	return host_exec((const char *const[]){ path, "-l", NULL });
}

char *host_exec(const char *const argv[])
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return NULL;
	pid_t pid = spawn(argv, p[1]);
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return NULL;
	}
	struct buf b = { 0 };
	bool ok = drain(p[0], &b);
	close(p[0]);
	if (!ok)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		free(b.s);
		return NULL;
	}
	return buf_take(&b);
}
