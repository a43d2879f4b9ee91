/* The SSH collector's parts: sshd_config's words, algorithm lists, nested includes, and the
 * authorized_keys files read with real modes. */
#include "test.h"
#include "collect/host_ssh_int.h"
#include "model/host.h"
#include "util/util.h"
#include <ftw.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

TEST(ssh_words_as_sshd_splits_them)
{
	char line[] = "Key = value", quoted[] = "\"Pass Word\" no", eq[] = "Key=v w";
	char *s = line;
	CHECK_STR(ssh_word(&s), "Key");
	CHECK_STR(s, "value");
	s = quoted;
	CHECK_STR(ssh_word(&s), "Pass Word");
	CHECK_STR(s, "no");
	s = eq;
	CHECK_STR(ssh_word(&s), "Key");
	CHECK_STR(s, "v w");
	char **v, *buf;
	CHECK_INT(ssh_args("\"a b\" c\\ d 'e'f x#y #rest", &v, &buf), 4);
	CHECK_STR(v[0], "a b");
	CHECK_STR(v[1], "c d");
	CHECK_STR(v[2], "ef");
	CHECK_STR(v[3], "x#y");
	free(v);
	free(buf);
	CHECK_INT(ssh_args("\"open", &v, &buf), -1);
}

TEST(ssh_algorithm_lists_resolved)
{
	char *s = ssh_algs_resolve(SK_CIPHERS, "+aes128-cbc,aes128-ctr");
	CHECK_STR(s, "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
	             "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-cbc");
	free(s);
	s = ssh_algs_resolve(SK_CIPHERS, "-*-ctr,aes*-gcm@openssh.com");
	CHECK_STR(s, "chacha20-poly1305@openssh.com");
	free(s);
	s = ssh_algs_resolve(SK_CIPHERS, "^aes256-ctr,3des-cbc");
	CHECK_STR(s, "aes256-ctr,3des-cbc,chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,"
	             "aes128-gcm@openssh.com,aes256-gcm@openssh.com");
	free(s);
	s = ssh_algs_resolve(SK_MACS, "hmac-md5,hmac-sha2-256,hmac-md5");
	CHECK_STR(s, "hmac-md5,hmac-sha2-256");
	free(s);
	CHECK(ssh_algs_resolve(SK_KEX, "-*") == NULL);
}

TEST(ssh_include_loops_end)
{
	char tmpl[] = "/tmp/bw-ssh-XXXXXX";
	char *root = mkdtemp(tmpl);
	CHECK(root != NULL);
	if (!root)
		return;
	test_put_file(root, "etc/ssh/sshd_config", "Include sshd_config\nX11Forwarding yes\n");
	struct findings errs = { 0 };
	struct hroot r;
	struct host h = { 0 };
	hroot_open(&r, root, &errs);
	host_ssh_collect(&h, &r, false, &errs);
	CHECK(h.ssh.known);
	CHECK_STR(h.ssh.eff[SK_X11].v, "yes");
	CHECK_INT(h.ssh.eff[SK_X11].loc.line, 2);
	CHECK_INT(h.ssh.nfiles, SSH_MAX_DEPTH + 1);
	CHECK_INT(test_first_error(&errs, "too many nested includes"), 1);
	host_free(&h);
	hroot_close(&r);
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

TEST(ssh_world_writable_keys_found)
{
	char tmpl[] = "/tmp/bw-ssh-XXXXXX";
	char *root = mkdtemp(tmpl);
	CHECK(root != NULL);
	if (!root)
		return;
	test_put_file(root, "etc/ssh/sshd_config", "AuthorizedKeysFile .ssh/ak %h/k2 /keys/%u\n");
	test_put_file(root, "etc/passwd", "root:x:0:0::/root:/bin/sh\nann:x:1000:1000::/home/ann:/bin/sh\n"
	                                  "sys:x:3:3::/:/usr/sbin/nologin\n");
	test_put_file(root, "root/.ssh/ak", "");
	test_put_file(root, "home/ann/k2", "");
	test_put_file(root, "keys/sys", "");
	test_put_file(root, "home/ann/.ssh/ak", "");
	char *p = xasprintf("%s/home/ann/k2", root), *q = xasprintf("%s/keys/sys", root);
	chmod(p, 0666);
	chmod(q, 0646);
	struct findings errs = { 0 };
	struct hroot r;
	struct host h = { 0 };
	struct hstats none = { 0 };
	hroot_open(&r, root, &errs);
	host_ssh_collect(&h, &r, false, &errs);
	host_ssh_keyfiles(&h, &r, &none, &errs);
	CHECK_INT(errs.nerrors, 0);
	CHECK_INT(h.ssh.nkeyfiles, 2);
	if (h.ssh.nkeyfiles == 2) {
		CHECK_STR(h.ssh.keyfiles[0].path, "/home/ann/k2");
		CHECK_STR(h.ssh.keyfiles[0].user, "ann");
		CHECK_INT(h.ssh.keyfiles[0].mode, 0666);
		CHECK_STR(h.ssh.keyfiles[1].path, "/keys/sys");
	}
	host_free(&h);
	hroot_close(&r);
	findings_free(&errs);
	free(p);
	free(q);
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
