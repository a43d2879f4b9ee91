/* Unit tests of the registry client's pure parts: references as the docker CLI reads them,
 * loopback hosts (the only ones --insecure may reach), WWW-Authenticate challenges. */
#include "test.h"
#include "collect/registry.h"
#include <stdlib.h>
#include <string.h>

static void ref_is(const char *s, const char *host, const char *name, const char *reference)
{
	struct reg_ref r;
	char *err = NULL;
	CHECK_INT(reg_ref_parse(s, &r, &err), 0);
	if (err)
		return;
	CHECK_STR(r.host, host);
	CHECK_STR(r.name, name);
	CHECK_STR(r.reference, reference);
	reg_ref_free(&r);
}

static void ref_bad(const char *s, const char *why)
{
	struct reg_ref r;
	char *err = NULL;
	CHECK_INT(reg_ref_parse(s, &r, &err), -1);
	CHECK(err && strstr(err, why));
	free(err);
}

#define D64 "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

TEST(registry_refs)
{
	ref_is("docker://alpine", "registry-1.docker.io", "library/alpine", "latest");
	ref_is("alpine:3.20", "registry-1.docker.io", "library/alpine", "3.20");
	ref_is("bitnami/redis:7", "registry-1.docker.io", "bitnami/redis", "7");
	ref_is("docker://127.0.0.1:5000/app/web:v1", "127.0.0.1:5000", "app/web", "v1");
	ref_is("localhost/app", "localhost", "app", "latest");
	ref_is("ghcr.io/org/tool@" D64, "ghcr.io", "org/tool", D64);
	ref_is("ghcr.io/org/tool:1.2@" D64, "ghcr.io", "org/tool", D64);
	ref_is("[::1]:5000/a:b", "[::1]:5000", "a", "b");
	ref_bad("docker://reg.example/App:1", "not a repository name");
	ref_bad("reg.example/app@sha256:abc", "not a digest");
	ref_bad("reg.example/app:-x", "not a tag");
	ref_bad("reg.example/", "not a repository name");
	ref_bad("docker:///app", "not a repository name");
}

TEST(registry_loopback)
{
	CHECK(reg_host_loopback("localhost:5000"));
	CHECK(reg_host_loopback("127.0.0.1"));
	CHECK(reg_host_loopback("127.9.8.7:443"));
	CHECK(reg_host_loopback("[::1]:5000"));
	CHECK(reg_host_loopback("::1"));
	CHECK(!reg_host_loopback("10.0.0.1:5000"));
	CHECK(!reg_host_loopback("localhost.example.com"));
	CHECK(!reg_host_loopback("128.0.0.1"));
	CHECK(!reg_host_loopback("[::2]:5000"));
}

TEST(registry_challenge)
{
	struct reg_challenge c;
	CHECK(reg_challenge_parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry."
	                          "docker.io\",scope=\"repository:library/alpine:pull\"", &c));
	CHECK_STR(c.scheme, "bearer");
	CHECK_STR(c.realm, "https://auth.docker.io/token");
	CHECK_STR(c.service, "registry.docker.io");
	reg_challenge_free(&c);
	CHECK(reg_challenge_parse("Basic realm=\"bulwark-test\"", &c));
	CHECK_STR(c.scheme, "basic");
	CHECK_STR(c.realm, "bulwark-test");
	CHECK(c.service == NULL);
	reg_challenge_free(&c);
	CHECK(reg_challenge_parse("bearer realm=https://r/t, service=s", &c));
	CHECK_STR(c.realm, "https://r/t");
	CHECK_STR(c.service, "s");
	reg_challenge_free(&c);
	CHECK(!reg_challenge_parse("", &c));
	CHECK(!reg_challenge_parse("Averyveryverylongschemename realm=x", &c));
}
