/* The secret classifier, one table through every path that judges a variable: the classifier
 * itself, Dockerfile ENV and ARG (BW-D011, and BW-D012 over the same line), a compose service's
 * environment, docker inspect's Config.Env, an AuthZ create request, and an image's config Env
 * and history. Every path must reach the table's verdict. Decoys come from official images and
 * compose files; true secrets are generated from templates while the test runs ({A30}: 30
 * characters of class A, {crc}: GitHub's checksum), so the repository holds no credential. */
#include "test.h"
#include "secret_gen.h"
#include "../fixture_image.h"
#include "collect/compose.h"
#include "collect/create.h"
#include "collect/inspect.h"
#include "model/finding.h"
#include "pipeline/image_audit.h"
#include "model/cspec.h"
#include "model/dockerfile.h"
#include "rules/rule.h"
#include "secret/classify.h"
#include "util/util.h"
#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define NONE SECRET_NONE
#define NAMED SECRET_NAMED
#define KIND SECRET_MATCHED

struct row { const char *name, *tpl; enum secret_conf conf; const char *kind; };

#define PEMV(label) "-----BEGIN " label "-----\\n{b64}\\n{b64}\\n{b20}==\\n-----END " label "-----"

static const struct row rows[] = {
	/* named secrets with literal values (official images' documented variables) */
	{ "DB_PASSWORD", "s3cr3t-Pa55w0rd", NAMED, NULL },
	{ "DB_PASS", "hunter2hunter2", NAMED, NULL },
	{ "SMTP_PWD", "Xk9mQ2vLr7", NAMED, NULL },
	{ "DB_PW", "pgpass2024", NAMED, NULL },
	{ "MYSQL_ROOT_PASSWORD", "changeme", NAMED, NULL },
	{ "POSTGRES_PASSWORD", "example", NAMED, NULL },
	{ "WORDPRESS_DB_PASSWORD", "wordpress", NAMED, NULL },
	{ "MONGO_INITDB_ROOT_PASSWORD", "mongopass", NAMED, NULL },
	{ "RABBITMQ_DEFAULT_PASS", "guest2024", NAMED, NULL },
	{ "REDIS_PASSWORD", "redis123", NAMED, NULL },
	{ "KEYCLOAK_ADMIN_PASSWORD", "admin", NAMED, NULL },
	{ "GF_SECURITY_ADMIN_PASSWORD", "grafana123", NAMED, NULL },
	{ "MINIO_ROOT_PASSWORD", "minio123secret", NAMED, NULL },
	{ "SECRET_KEY_BASE", "{h64}{h64}", NAMED, NULL },
	{ "DJANGO_SECRET_KEY", "django-insecure-{w40}", NAMED, NULL },
	{ "JWT_SECRET", "mysupersecretjwt", NAMED, NULL },
	{ "API_KEY", "secretvalue123", NAMED, NULL },
	{ "apiKey", "k3y-v4lue-9", NAMED, NULL },
	{ "dbPassword", "Sup3rS3cret", NAMED, NULL },
	{ "smtpPwd", "mailpass77", NAMED, NULL },
	{ "client_secret", "s3cr3t", NAMED, NULL },
	{ "BASIC_AUTH", "admin:{A12}", NAMED, NULL },
	{ "REDIS_AUTH", "{A24}", NAMED, NULL },
	{ "APP_KEY", "base64:{b43}=", NAMED, NULL },
	{ "ENCRYPTION_KEY", "{h64}", NAMED, NULL },
	{ "PASSPHRASE", "correct horse battery staple", NAMED, NULL },
	{ "CREDENTIALS", "svc-deploy:{A16}", NAMED, NULL },
	{ "TOKEN", "{A32}", NAMED, NULL },
	{ "ACCESS_KEY_ID", "minioadmin", NAMED, NULL },
	{ "SERVICE_TOKEN", "abcdef123456", NAMED, NULL },
	{ "registry_password", "changeme", NAMED, NULL },
	{ "NPM_TOKEN", "abc123", NAMED, NULL },
	{ "GITHUB_TOKEN", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", NAMED, NULL },
	{ "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", NAMED, NULL },
	{ "LDAP_BIND_PASSWD", "cn=admin-{A10}", NAMED, NULL },
	{ "STRIPE_KEY", "notreallyakey", NAMED, NULL },
	/* credentials of a known kind, whatever the name */
	{ "GITHUB_TOKEN", "gh" "p_{A30}{crc}", KIND, "github-pat" },
	{ "GH_PAT", "gh" "p_{A30}{crc}", KIND, "github-pat" },
	{ "NPM_TOKEN", "np" "m_{A30}{crc}", KIND, "npm-access-token" },
	{ "AWS_ACCESS_KEY_ID", "AK" "IA{216}", KIND, "aws-access-key-id" },
	{ "UPSTREAM", "AK" "IA{216}", KIND, "aws-access-key-id" },
	{ "AWS_SECRET_ACCESS_KEY", "{b40}", KIND, "aws-secret-access-key" },
	{ "STRIPE_SECRET_KEY", "sk_" "live_{A24}", KIND, "stripe-secret-key" },
	{ "SLACK_BOT_TOKEN", "xo" "xb-{d12}-{d13}-{A24}", KIND, "slack-bot-token" },
	{ "HOOK", "xo" "xb-{d12}-{d13}-{A24}", KIND, "slack-bot-token" },
	{ "SENDGRID_API_KEY", "SG" ".{w22}.{w43}", KIND, "sendgrid-api-key" },
	{ "GITLAB_TOKEN", "gl" "pat-{A20}", KIND, "gitlab-pat" },
	{ "CI_JOB", "gl" "pat-{A20}", KIND, "gitlab-pat" },
	{ "DATABASE_URL", "postgres://app:{A16}@db:5432/app", KIND, "postgres-connection-string" },
	{ "REDIS_URL", "redis://:{A20}@cache:6379/0", KIND, "redis-connection-string" },
	{ "AMQP_URL", "amqp://user:{A12}@rabbit:5672/", KIND, "amqp-connection-string" },
	{ "MONGO_URL", "mongodb://root:{A14}@mongo:27017", KIND, "mongodb-connection-string" },
	{ "MYSQL_DSN", "mysql://wp:{A14}@mysql:3306/wp", KIND, "mysql-connection-string" },
	{ "SENTRY_DSN", "https://{h32}:{h32}@sentry.example.com/1", KIND, "sentry-dsn-secret" },
	{ "NOTES", "clone https://ci:{A12}@git.example.com/x.git", KIND, "basic-auth-url" },
	{ "OPENAI_API_KEY", "sk-{A20}T3Blbk" "FJ{A20}", KIND, "openai-api-key" },
	{ "HF_TOKEN", "hf" "_{L34}", KIND, "huggingface-token" },
	{ "DD_API_KEY", "{h32}", KIND, "datadog-api-key" },
	{ "TLS_KEY", PEMV("PRIVATE KEY"), KIND, "pem-private-key" },
	{ "SSH_PRIVATE_KEY", PEMV("OPENSSH PRIVATE KEY"), KIND, "openssh-private-key" },
	{ "JWT_SIGNING_KEY", PEMV("RSA PRIVATE KEY"), KIND, "pem-rsa-private-key" },
	{ "DOCKERHUB_TOKEN", "dckr" "_pat_{w27}", KIND, "dockerhub-pat" },
	{ "TELEGRAM_BOT_TOKEN", "{d9}:AA{w33}", KIND, "telegram-bot-token" },
	{ "TWILIO_API_KEY", "SK{h32}", KIND, "twilio-api-key" },
	{ "GOOGLE_API_KEY", "AI" "za{w35}", KIND, "gcp-api-key" },
	{ "ANTHROPIC_API_KEY", "sk-ant-" "api03-{w93}AA", KIND, "anthropic-api-key" },
	{ "DIGITALOCEAN_TOKEN", "do" "p_v1_{h64}", KIND, "digitalocean-pat" },
	{ "VAULT_TOKEN", "hv" "s.{w100}", KIND, "vault-service-token" },
	{ "PYPI_TOKEN", "pypi-AgEIcHlwaS5vcmc{w60}", KIND, "pypi-upload-token" },
	{ "MAPS_KEY", "AI" "za{w35}", KIND, "gcp-api-key" },
	/* decoys: not secrets, though many names hold a secret word */
	{ "GPG_KEY", "7169605F62C751356D054A26A821E680E5FA6305", NONE, NULL },
	{ "NGINX_GPG_KEYS", "13C82A63B603576156E30A4EA0EA981B66B0D967 573BFD6B3D8FBC641079A6ABABF5BD827BD9BF62", NONE, NULL },
	{ "PYTHON_SHA256", "{h64}", NONE, NULL },
	{ "RUBY_DOWNLOAD_SHA256", "{h64}", NONE, NULL },
	{ "PYTHON_VERSION", "3.12.4", NONE, NULL },
	{ "NODE_VERSION", "20.15.1", NONE, NULL },
	{ "YARN_VERSION", "1.22.22", NONE, NULL },
	{ "NGINX_VERSION", "1.27.0", NONE, NULL },
	{ "PKG_RELEASE", "1~bookworm", NONE, NULL },
	{ "JAVA_VERSION", "jdk-21.0.3+9", NONE, NULL },
	{ "GOSU_VERSION", "1.17", NONE, NULL },
	{ "TOKEN_TTL", "3600", NONE, NULL },
	{ "PASSWORD_MIN_LENGTH", "12", NONE, NULL },
	{ "AUTH_TOKEN_EXPIRY", "15m", NONE, NULL },
	{ "MAX_TOKENS", "4096", NONE, NULL },
	{ "TOKEN_EXPIRES_IN", "1h", NONE, NULL },
	{ "JWT_ACCESS_TOKEN_LIFETIME", "PT15M", NONE, NULL },
	{ "TOKEN_REFRESH_INTERVAL", "5m", NONE, NULL },
	{ "MAX_PASSWORD_AGE", "90d", NONE, NULL },
	{ "PASSWORD_RESET_TIMEOUT", "259200", NONE, NULL },
	{ "PASSWORD_HASH_ITERATIONS", "600000", NONE, NULL },
	{ "SESSION_SECRET_LENGTH", "64", NONE, NULL },
	{ "SECRET_KEY", "1234567890", NONE, NULL },
	{ "SECRET_ROTATION_DAYS", "30", NONE, NULL },
	{ "SECRET_VERSION", "2.1.0", NONE, NULL },
	{ "DB_PASSWORD_FILE", "/run/secrets/db", NONE, NULL },
	{ "POSTGRES_PASSWORD_FILE", "/run/secrets/postgres_password", NONE, NULL },
	{ "SSL_KEY", "/etc/ssl/private/app.key", NONE, NULL },
	{ "TLS_CERT_PATH", "/etc/ssl/certs/app.pem", NONE, NULL },
	{ "SECRETS_DIR", "/run/secrets", NONE, NULL },
	{ "MYSQL_PASSWORD", "${MYSQL_PASSWORD}", NONE, NULL },
	{ "API_TOKEN", "$API_TOKEN", NONE, NULL },
	{ "SECRET_KEY", "${SECRET_KEY:?required}", NONE, NULL },
	{ "AWS_SECRET_ACCESS_KEY", "${AWS_SECRET_ACCESS_KEY}", NONE, NULL },
	{ "MYSQL_RANDOM_ROOT_PASSWORD", "yes", NONE, NULL },
	{ "MYSQL_ALLOW_EMPTY_PASSWORD", "true", NONE, NULL },
	{ "PASSWORD_AUTH", "false", NONE, NULL },
	{ "AUTH_ENABLED", "true", NONE, NULL },
	{ "SECRET", "off", NONE, NULL },
	{ "TOKENIZERS_PARALLELISM", "false", NONE, NULL },
	{ "SECRET_BACKEND", "vault.internal:8200", NONE, NULL },
	{ "AUTH_SERVER", "auth.example.com", NONE, NULL },
	{ "TOKEN_AUDIENCE", "https://api.example.com", NONE, NULL },
	{ "OAUTH_TOKEN_URL", "https://auth.example.com/oauth/token", NONE, NULL },
	{ "KEYCLOAK_URL", "http://keycloak:8080/auth", NONE, NULL },
	{ "VAULT_ADDR", "https://vault.example.com:8200", NONE, NULL },
	{ "SSH_PUBLIC_KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b43}", NONE, NULL },
	{ "DEPLOY_KEY", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{b64} deploy@ci", NONE, NULL },
	{ "JWT_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----\\n{b64}\\n-----END PUBLIC KEY-----", NONE, NULL },
	{ "TRUSTED_KEY", "B42F 6819 007F 00F8 8E36  4FD4 036A 9C25 BF35 7DD4", NONE, NULL },
	{ "HOST_KEY", "43:51:43:a1:b5:fc:8b:b7:0a:3a:a9:b1:0f:66:73:a8", NONE, NULL },
	{ "SSH_KEY_FINGERPRINT", "SHA256:{b43}", NONE, NULL },
	{ "API_KEY_HEADER", "X-Api-Key", NONE, NULL },
	{ "SECRET_NAME", "db-credentials", NONE, NULL },
	{ "KEY_VAULT_NAME", "prod-vault", NONE, NULL },
	{ "POSTGRES_HOST_AUTH_METHOD", "scram-sha-256", NONE, NULL },
	{ "PWD", "/app", NONE, NULL },
	{ "MONKEY", "banana", NONE, NULL },
	{ "TOKEN_BUCKET_SIZE", "100", NONE, NULL },
	{ "MINIO_ROOT_USER", "minioadmin", NONE, NULL },
	{ "REDIS_HOST", "redis", NONE, NULL },
	{ "AWS_REGION", "us-east-1", NONE, NULL },
	{ "DEBUG", "false", NONE, NULL },
	{ "REDIS_PASSWORD", "", NONE, NULL },
	{ "SLACK_HOOK", "xo" "xb-your-token-here", NONE, NULL },
	{ "DATABASE_URL", "postgres://app:****@db:5432/app", NONE, NULL },
	{ "DATABASE_URL", "postgres://app@db:5432/app", NONE, NULL },
	{ "PGDATA", "/var/lib/postgresql/data", NONE, NULL },
	{ "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", NONE, NULL },
	{ "LANG", "C.UTF-8", NONE, NULL },
};

/* --- values from templates ---------------------------------------------------------------- */

static uint32_t rng = 20261206;

static char *gen(const char *tpl)
{
	return secret_gen(tpl, &rng);
}

/* --- the paths ------------------------------------------------------------------------------ */

/* What a path concluded: the verdict, and for a credential the kind's name its message gave. */
struct got { enum secret_conf conf; char kind[128]; };

/* BW-C020 over a container spec: "holds what looks like a/an KIND" or "sets secret variable". */
static struct got from_c020(const struct findings *f)
{
	struct got g = { NONE, "" };
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->v[i].rule->id, "BW-C020"))
			continue;
		const char *p = strstr(f->v[i].message, "holds what looks like "), *k;
		g.conf = p ? KIND : NAMED;
		if (p && (k = strchr(p + 22, ' ')))   /* past the article */
			snprintf(g.kind, sizeof g.kind, "%s", k + 1);
	}
	return g;
}

/* BW-D011 (the variable) and BW-D012 (the text, "KIND in the Dockerfile") on one instruction. */
static struct got from_dockerfile(const struct findings *f)
{
	struct got g = { NONE, "" };
	bool d011 = false, d012 = false;
	for (size_t i = 0; i < f->n; i++) {
		const char *m = f->v[i].message;
		if (!strcmp(f->v[i].rule->id, "BW-D011"))
			d011 = true;
		if (!strcmp(f->v[i].rule->id, "BW-D012")) {
			d012 = true;
			const char *h = str_prefix(m, "history: ") ? m + 9 : m, *e = strstr(h, " in the Dockerfile");
			snprintf(g.kind, sizeof g.kind, "%.*s", e ? (int)(e - h) : (int)strlen(h), h);
		}
	}
	g.conf = d012 && d011 ? KIND : d011 ? NAMED : d012 ? (enum secret_conf)-1 : NONE;
	return g;
}

/* "VALUE" for a Dockerfile: single quotes keep every character as written. */
static char *df_quoted(const char *v)
{
	return strchr(v, '\'') ? xasprintf("\"%s\"", v) : xasprintf("'%s'", v);
}

static struct got via_dockerfile(const char *kw, const char *name, const char *value)
{
	char *q = df_quoted(value);
	char *text = xasprintf("FROM alpine:3.20\n%s %s=%s\n", kw, name, q);
	char *err = NULL;
	int line;
	struct findings f = { 0 };
	struct dockerfile *df = dockerfile_parse("Dockerfile", text, strlen(text), &err, &line);
	if (df)
		rules_run_dockerfile(df, &f);
	struct got g = from_dockerfile(&f);
	findings_free(&f);
	dockerfile_free(df);
	free(err), free(text), free(q);
	return g;
}

/* compose: a single-quoted YAML scalar, $ doubled so that interpolation leaves it as written */
static struct got via_compose(const char *name, const char *value)
{
	struct buf y = { 0 };
	buf_printf(&y, "services:\n  app:\n    image: app:1\n    environment:\n      %s: '", name);
	for (const char *p = value; *p; p++)
		buf_adds(&y, *p == '\'' ? "''" : *p == '$' ? "$$" : (char[]){ *p, 0 });
	buf_adds(&y, "'\n");
	struct compose_file cf = { "/nonexistent-bulwark-test/compose.yaml", y.s, y.len };
	struct findings f = { 0 };
	struct compose_project *p = compose_load(&cf, 1, &f);
	struct findings out = { 0 };
	for (size_t i = 0; p && i < p->nservices; i++)
		rules_run_cspec(p->services[i], &out);
	struct got g = from_c020(&out);
	findings_free(&out);
	findings_free(&f);
	compose_free(p);
	free(y.s);
	return g;
}

static struct got via_json_cspec(const char *name, const char *value, bool create)
{
	char *kv = xasprintf("%s=%s", name, value);
	json_t *j = create ? json_pack("{s:s,s:[s],s:{}}", "Image", "app:1", "Env", kv, "HostConfig")
	                   : json_pack("{s:s,s:s,s:{s:s,s:[s]},s:{}}", "Id", "0123abcd", "Name", "/app",
	                               "Config", "Image", "app:1", "Env", kv, "HostConfig");
	struct cspec *c = create ? cspec_from_create(j, "/app") : cspec_from_inspect(j, NULL);
	struct findings out = { 0 };
	if (c)
		rules_run_cspec(c, &out);
	struct got g = from_c020(&out);
	findings_free(&out);
	cspec_free(c);
	json_decref(j);
	free(kv);
	return g;
}

/* An image whose config sets the variable and whose history holds the ENV that set it. */
static void via_image(const char *dir, const char *name, const char *value, struct got *env,
                      struct got *hist)
{
	char *kv = xasprintf("%s=%s", name, value), *q = df_quoted(value);
	char *created = xasprintf("/bin/sh -c #(nop)  ENV %s=%s", name, q);
	char *json = xasprintf("%s/image.json", dir), *tar = xasprintf("%s/image.tar", dir);
	char *ref = xasprintf("docker-archive:%s", tar);
	json_t *j = json_pack("{s:{s:{s:[s,s]},s:[{s:s}]},s:[[{s:s,s:s}]]}", "config", "config", "Env",
	                      "PATH=/usr/bin", kv, "history", "created_by", created, "layers", "path",
	                      "bin/", "type", "dir");
	struct findings out = { 0 }, d = { 0 };
	struct image_audit_opts o = { 0 };
	struct image_audit_counts n;
	json_dump_file(j, json, 0);
	if (fixture_image_write(json, tar))
		image_audit(&o, &ref, 1, &out, &n);
	*env = from_c020(&out);
	for (size_t i = 0; i < out.n; i++)   /* the history's findings: the Dockerfile rules' */
		if (str_prefix(out.v[i].rule->id, "BW-D01"))
			finding_add(&d, out.v[i].rule, LOC_NONE, NULL, "%s", out.v[i].message);
	*hist = from_dockerfile(&d);
	findings_free(&d);
	findings_free(&out);
	unlink(tar);
	unlink(json);
	json_decref(j);
	free(kv), free(q), free(created), free(json), free(tar), free(ref);
}

static const char *conf_name(enum secret_conf c)
{
	return c == NONE ? "none" : c == NAMED ? "named" : c == KIND ? "kind" : "D012 without D011";
}

static void expect(const struct row *r, const char *value, const char *path, struct got g,
                   const char *kind_name)
{
	bool kind_ok = r->conf != KIND || !strcmp(g.kind, kind_name);
	if (g.conf == r->conf && kind_ok)
		return;
	fprintf(stderr, "  %s=%.40s via %s: %s %s, want %s %s\n", r->name, value, path,
	        conf_name(g.conf), g.kind, conf_name(r->conf), r->kind ? kind_name : "");
	test_failed = 1;
}

TEST(secret_classify_table_every_path)
{
	char dir[] = "/tmp/bulwark-classify.XXXXXX";
	const struct secret_kind *const *kinds;
	size_t nk = secret_kinds(&kinds), nrows = sizeof rows / sizeof *rows, named = 0, decoys = 0;
	if (!mkdtemp(dir)) {
		test_failed = 1;
		return;
	}
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		char *value = gen(r->tpl);
		const char *kind_name = "";
		for (size_t k = 0; r->kind && k < nk; k++)
			if (!strcmp(kinds[k]->id, r->kind))
				kind_name = kinds[k]->name;
		CHECK(!r->kind || *kind_name);
		struct secret_verdict v = secret_classify_env(r->name, value);
		struct got direct = { v.conf, "" };
		if (v.kind)
			snprintf(direct.kind, sizeof direct.kind, "%s", v.kind->name);
		expect(r, value, "classifier", direct, kind_name);
		expect(r, value, "Dockerfile ENV", via_dockerfile("ENV", r->name, value), kind_name);
		/* ARG NAME= takes its value from --build-arg: a secret name alone counts (fixtures) */
		if (*value || !secret_name_is_secret(r->name, strlen(r->name)))
			expect(r, value, "Dockerfile ARG", via_dockerfile("ARG", r->name, value),
			       kind_name);
		expect(r, value, "compose environment", via_compose(r->name, value), kind_name);
		expect(r, value, "inspect Config.Env", via_json_cspec(r->name, value, false), kind_name);
		expect(r, value, "create request Env", via_json_cspec(r->name, value, true), kind_name);
		struct got env, hist;
		via_image(dir, r->name, value, &env, &hist);
		expect(r, value, "image config Env", env, kind_name);
		expect(r, value, "image history", hist, kind_name);
		named += r->conf != NONE;
		decoys += r->conf == NONE;
		free(value);
	}
	rmdir(dir);
	CHECK(nrows >= 100);
	CHECK(named >= 40 && decoys >= 40);
}

TEST(secret_classify_name_words)
{
	static const struct { const char *name; bool secret; } names[] = {
		{ "DB_PASSWORD", true }, { "db-pass", true }, { "smtpPwd", true }, { "APIKey", true },
		{ "GITHUBTOKEN", true }, { "AWS_ACCESS_KEY_ID", true }, { "JWT_KEY", true },
		{ "REDIS_AUTH", true }, { "x.credentials", true }, { "PWD", false }, { "KEY", false },
		{ "MONKEY", false }, { "BYPASS", false }, { "KEY_PREFIX", false },
		{ "DB_PASSWORD_FILE", false }, { "TOKEN_TTL", false }, { "GPG_KEY", false },
		{ "SSH_PUBLIC_KEY", false }, { "AUTH_TYPE", false }, { "TOKENIZERS_PARALLELISM", false },
		{ "DOCKER_HUB_PSW", true }, { "GOOGLE_APPLICATION_CREDENTIALS", false },
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (secret_name_is_secret(names[i].name, strlen(names[i].name)) != names[i].secret) {
			fprintf(stderr, "  %s: want %s\n", names[i].name, names[i].secret ? "secret" : "not");
			test_failed = 1;
		}
}
