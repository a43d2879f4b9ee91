/* Unit tests of the secret engine. Every secret here is generated while the test runs from a
 * template ("ghp_{A30}{crc}"), so the repository itself holds no contiguous credential. */
#include "test.h"
#include "secret_gen.h"
#include "model/finding.h"
#include "secret/secret.h"
#include "util/util.h"
#include <stdint.h>
#include <ctype.h>
#include <stdlib.h>

struct got { char *kind; int line; uint64_t off; char *text; };
struct gots { struct got v[64]; size_t n; };

static void on_secret(void *ctx, const struct secret_match *m)
{
	struct gots *g = ctx;
	if (g->n < 64)
		g->v[g->n++] = (struct got){ xstrdup(m->kind->id), m->line, m->offset,
		                             xstrndup(m->text, m->len) };
}

static void gots_free(struct gots *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].kind), free(g->v[i].text);
	g->n = 0;
}

/* chunk 0: the whole buffer at once; else fed chunk bytes at a time. */
static void scan_db(const struct secret_db *db, const char *text, size_t chunk, struct gots *g)
{
	size_t n = strlen(text);
	g->n = 0;
	if (!chunk) {
		secret_scan(db, text, n, on_secret, g);
		return;
	}
	struct secret_stream *s = secret_stream_open(db, on_secret, g);
	for (size_t i = 0; i < n; i += chunk)
		secret_stream_feed(s, text + i, n - i < chunk ? n - i : chunk);
	secret_stream_close(s);
}

static void scan(const char *text, size_t chunk, struct gots *g)
{
	scan_db(secret_db_get(NULL), text, chunk, g);
}

static bool gots_same(const struct gots *a, const struct gots *b)
{
	bool same = a->n == b->n;
	for (size_t k = 0; same && k < a->n; k++)
		same = !strcmp(a->v[k].kind, b->v[k].kind) && a->v[k].line == b->v[k].line &&
		       a->v[k].off == b->v[k].off && !strcmp(a->v[k].text, b->v[k].text);
	return same;
}

static uint32_t rng = 12345;
static char *gen(const char *tpl)
{
	return secret_gen(tpl, &rng);
}

struct vec { const char *kind; const char *tpl; };
#define PEMV(kind, label) { kind, "key = <<EOF\n-----BEGIN " label "-----\n{b64}\n{b64}\n{b20}==\n-----END " label "-----\nEOF\n" }

static const struct vec vecs[] = {
	{ "aws-access-key-id", "id = \"AK" "IA{216}\"\n" },
	{ "aws-secret-access-key", "aws_secret_access_key = {b40}\n" },
	{ "gcp-service-account-key", "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{b64}\\n{b64}\\n-----END PRIVATE KEY-----\\n\", \"client_email\": \"x@p.iam.gserviceaccount.com\"}\n" },
	{ "gcp-api-key", "k: AI" "za{w35}\n" },
	{ "gcp-oauth-client-secret", "s: GOC" "SPX-{w28}\n" },
	{ "google-oauth-access-token", "t: ya" "29.{w60}\n" },
	{ "firebase-cloud-messaging-key", "k: AAAA{w7}:APA" "91b{w134}\n" },
	{ "azure-storage-account-key", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey={b86}==;EndpointSuffix=core.windows.net\n" },
	{ "azure-ad-client-secret", "secret: {A3}8Q~{A34}\n" },
	{ "digitalocean-pat", "t = dop" "_v1_{h64}\n" },
	{ "digitalocean-oauth-token", "t = doo" "_v1_{h64}\n" },
	{ "digitalocean-refresh-token", "t = dor" "_v1_{h64}\n" },
	{ "alibaba-access-key-id", "id: LT" "AI{A20}\n" },
	{ "ibm-cloud-api-key", "IBM_CLOUD_API_KEY={w44}\n" },
	{ "heroku-api-key", "t: HR" "KU-AA{w58}\n" },
	{ "heroku-api-key-legacy", "HEROKU_API_KEY={h8}-{h4}-{h4}-{h4}-{h12}\n" },
	{ "cloudflare-origin-ca-key", "k: v1" ".0-{h24}-{h146}\n" },
	{ "cloudflare-api-token", "CLOUDFLARE_API_TOKEN={w40}\n" },
	{ "scaleway-secret-key", "SCW_SECRET_KEY={h8}-{h4}-{h4}-{h4}-{h12}\n" },
	{ "linode-token", "LINODE_TOKEN={h64}\n" },
	{ "openshift-user-token", "oc login --token=sha" "256~{w43}\n" },
	{ "databricks-token", "t: da" "pi{h32}\n" },
	{ "vault-service-token", "VAULT_TOKEN=hv" "s.{w100}\n" },
	{ "vault-batch-token", "VAULT_TOKEN=hv" "b.{w150}\n" },
	{ "terraform-cloud-token", "token = \"{A14}.atlas" "v1.{w67}\"\n" },
	{ "pulumi-access-token", "t: pu" "l-{h40}\n" },
	{ "doppler-token", "t: dp" ".pt.{A43}\n" },
	{ "age-secret-key", "AGE-SECRET" "-KEY-1{g58}\n" },
	{ "onepassword-service-account-token", "t: op" "s_eyJ{b300}\n" },
	{ "github-pat", "token: gh" "p_{A30}{crc}\n" },
	{ "github-fine-grained-pat", "token: github" "_pat_{A22}_{A59}\n" },
	{ "github-oauth-token", "token: gh" "o_{A30}{crc}\n" },
	{ "github-user-token", "token: gh" "u_{A30}{crc}\n" },
	{ "github-app-token", "token: gh" "s_{A30}{crc}\n" },
	{ "github-refresh-token", "token: gh" "r_{A30}{crc}\n" },
	{ "gitlab-pat", "t: gl" "pat-{A20}\n" },
	{ "gitlab-runner-token", "t: gl" "rt-{A20}\n" },
	{ "gitlab-runner-registration-token", "t: GR13" "48941{A20}\n" },
	{ "gitlab-deploy-token", "t: gl" "dt-{A20}\n" },
	{ "gitlab-pipeline-trigger-token", "t: gl" "ptt-{h40}\n" },
	{ "gitlab-feed-token", "t: gl" "ft-{A20}\n" },
	{ "gitlab-oauth-app-secret", "t: gl" "oas-{A64}\n" },
	{ "gitlab-cicd-job-token", "t: gl" "cbt-{A30}\n" },
	{ "gitlab-incoming-mail-token", "t: gl" "imt-{A25}\n" },
	{ "gitlab-agent-token", "t: gl" "agent-{A50}\n" },
	{ "gitlab-scim-token", "t: gl" "soat-{A20}\n" },
	{ "gitlab-feature-flags-token", "t: gl" "ffct-{A20}\n" },
	{ "bitbucket-app-password", "p: AT" "BB{A32}\n" },
	{ "atlassian-api-token", "t: AT" "ATT3{A186}\n" },
	{ "circleci-pat", "t: CCI" "PAT_{A22}_{h40}\n" },
	{ "circleci-project-token", "t: CCI" "PRJ_{A22}_{h40}\n" },
	{ "travis-ci-token", "TRAVIS_TOKEN: {A22}\n" },
	{ "buildkite-api-token", "t: bk" "ua_{h40}\n" },
	{ "sourcegraph-token", "t: sg" "p_{h16}_{h40}\n" },
	{ "harness-pat", "t: pat" ".{A22}.{h24}.{A20}\n" },
	{ "octopus-deploy-api-key", "k: AP" "I-{U26}\n" },
	{ "slack-bot-token", "t: xo" "xb-{d12}-{d12}-{A24}\n" },
	{ "slack-user-token", "t: xo" "xp-{d12}-{d12}-{d12}-{h32}\n" },
	{ "slack-app-token", "t: xa" "pp-1-{U11}-{d13}-{l64}\n" },
	{ "slack-config-token", "t: xo" "xe.xoxb-1-{U165}\n" },
	{ "slack-config-refresh-token", "t: xo" "xe-1-{U146}\n" },
	{ "slack-webhook-url", "url: https://hooks.slack.com/services/T{U10}/B{U10}/{A24}\n" },
	{ "discord-bot-token", "DISCORD_TOKEN=M{A25}.{w6}.{w38}\n" },
	{ "discord-webhook-url", "url: https://discord.com/api/webhooks/{d18}/{w68}\n" },
	{ "telegram-bot-token", "bot: {d9}:AA{w33}\n" },
	{ "teams-webhook-url", "url: https://acme.webhook.office.com/webhookb2/{h8}-{h4}-{h4}-{h4}-{h12}@{h8}-{h4}-{h4}-{h4}-{h12}/IncomingWebhook/{h32}/{h8}-{h4}-{h4}-{h4}-{h12}\n" },
	{ "twilio-api-key", "k: SK{h32}\n" },
	{ "sendgrid-api-key", "k: SG.{w22}.{w43}\n" },
	{ "mailgun-api-key", "k: key" "-{h32}\n" },
	{ "mailchimp-api-key", "k: {h32}-us" "14\n" },
	{ "twitter-bearer-token", "b: AAAAAAAAAAAAAAAAAAAAA{A80}\n" },
	{ "stripe-secret-key", "k: sk" "_live_{A99}\n" },
	{ "stripe-restricted-key", "k: rk" "_live_{A99}\n" },
	{ "stripe-webhook-secret", "k: wh" "sec_{A32}\n" },
	{ "square-access-token", "k: EA" "AA{w60}\n" },
	{ "square-legacy-access-token", "k: sq0" "atp-{w22}\n" },
	{ "square-oauth-secret", "k: sq0" "csp-{w43}\n" },
	{ "braintree-access-token", "k: access_token$prod" "uction${l16}${h32}\n" },
	{ "shopify-access-token", "k: shp" "at_{h32}\n" },
	{ "shopify-custom-app-token", "k: shp" "ca_{h32}\n" },
	{ "shopify-private-app-token", "k: shp" "pa_{h32}\n" },
	{ "shopify-shared-secret", "k: shp" "ss_{h32}\n" },
	{ "flutterwave-secret-key", "k: FLW" "SECK-{h32}-X\n" },
	{ "shippo-live-token", "k: shippo" "_live_{h40}\n" },
	{ "easypost-api-key", "k: EZ" "AK{A54}\n" },
	{ "duffel-live-token", "k: duffel" "_live_{w43}\n" },
	{ "npm-access-token", "t: np" "m_{A30}{crc}\n" },
	{ "npmrc-auth-token", "//registry.example.org/:_authToken={w40}\n" },
	{ "npmrc-auth", "_auth=dXNlcjpodW50ZXIyMjI=\n" },
	{ "npmrc-password", "//r.internal/:_password=aHVudGVyMjIy\n" },
	{ "pypi-upload-token", "t: pypi-AgEIcH" "lwaS5vcmc{w70}\n" },
	{ "pypirc-password", "[pypi]\nusername = alice\npassword = hunter22\n" },
	{ "rubygems-api-key", "k: rubygems" "_{h48}\n" },
	{ "nuget-api-key", "k: oy" "2{l43}\n" },
	{ "dockerhub-pat", "k: dckr" "_pat_{w27}\n" },
	{ "dockerhub-oat", "k: dckr" "_oat_{w32}\n" },
	{ "docker-config-auth", "{\"auths\": {\"r.io\": {\"auth\": \"dXNlcjpodW50ZXIyMjI=\"}}}\n" },
	{ "docker-config-identity-token", "{\"auths\": {\"r.io\": {\"identitytoken\": \"{w40}\"}}}\n" },
	{ "jfrog-api-key", "k: AK" "Cp{A69}\n" },
	{ "jfrog-reference-token", "k: cmVmdGtu" "OjAxOj{A60}\n" },
	{ "clojars-api-token", "k: CLO" "JARS_{l60}\n" },
	PEMV("pem-rsa-private-key", "RSA PRIVATE KEY"),
	PEMV("pem-ec-private-key", "EC PRIVATE KEY"),
	PEMV("pem-dsa-private-key", "DSA PRIVATE KEY"),
	PEMV("pem-private-key", "PRIVATE KEY"),
	PEMV("pem-encrypted-private-key", "ENCRYPTED PRIVATE KEY"),
	PEMV("openssh-private-key", "OPENSSH PRIVATE KEY"),
	PEMV("pgp-private-key", "PGP PRIVATE KEY BLOCK"),
	{ "ssh2-private-key", "---- BEGIN SSH2 ENC" "RYPTED PRIVATE KEY ----\nComment: \"k\"\n{b64}\n{b64}\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n" },
	{ "putty-private-key", "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: k\nPublic-Lines: 1\n{b64}\nPrivate-Lines: 1\n{b64}\nPrivate-MAC: {h40}\n" },
	{ "kubeconfig-client-key", "users:\n- name: a\n  user:\n    client-key-data: LS0tLS1CRUdJTi{b100}=\n" },
	{ "kubeconfig-token", "users:\n- name: a\n  user:\n    token: {w40}\n" },
	{ "jwt", "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.{w43}\n" },
	{ "postgres-connection-string", "DATABASE_URL=postgresql://app:{A16}@db:5432/app\n" },
	{ "mysql-connection-string", "url = \"mysql://app:{A16}@db/app\"\n" },
	{ "mongodb-connection-string", "uri: mongodb+srv://app:{A16}@cluster0.mongodb.net/\n" },
	{ "redis-connection-string", "REDIS_URL=redis://:{A16}@cache:6379/0\n" },
	{ "amqp-connection-string", "BROKER=amqps://app:{A16}@mq/vhost\n" },
	{ "basic-auth-url", "https://deploy:{A16}@git.corp.net/repo.git\n" },
	{ "sentry-dsn-secret", "SENTRY_DSN=https://{h32}:{h32}@sentry.io/12\n" },
	{ "netrc-password", "machine api.corp.net\n  login deploy\n  password {A14}\n" },
	{ "sentry-org-token", "t: sntrys" "_eyJ{w80}\n" },
	{ "sentry-user-token", "t: sntryu" "_{h64}\n" },
	{ "new-relic-user-api-key", "k: NR" "AK-{U27}\n" },
	{ "new-relic-insert-key", "k: NR" "II-{w32}\n" },
	{ "new-relic-license-key", "k: {h36}NR" "AL\n" },
	{ "new-relic-browser-key", "k: NR" "JS-{h19}\n" },
	{ "datadog-api-key", "DD_API_KEY={h32}\n" },
	{ "datadog-app-key", "DATADOG_APP_KEY={h40}\n" },
	{ "grafana-api-key", "k: eyJrIjoi{A80}\n" },
	{ "grafana-cloud-token", "k: gl" "c_{A60}\n" },
	{ "grafana-service-account-token", "k: gl" "sa_{A32}_{h8}\n" },
	{ "dynatrace-token", "k: dt0" "c01.{U24}.{U64}\n" },
	{ "openai-api-key", "k: sk-proj-{A40}T3Blbk" "FJ{A40}\n" },
	{ "anthropic-api-key", "k: sk-ant" "-api03-{w93}AA\n" },
	{ "anthropic-admin-key", "k: sk-ant" "-admin01-{w93}AA\n" },
	{ "huggingface-token", "k: hf" "_{L34}\n" },
	{ "huggingface-org-token", "k: api" "_org_{L34}\n" },
	{ "replicate-api-token", "k: r8" "_{A37}\n" },
	{ "groq-api-key", "k: gs" "k_{A52}\n" },
	{ "perplexity-api-key", "k: pp" "lx-{A48}\n" },
	{ "xai-api-key", "k: xa" "i-{A80}\n" },
	{ "postman-api-key", "k: PM" "AK-{h24}-{h34}\n" },
	{ "linear-api-key", "k: lin" "_api_{A40}\n" },
	{ "notion-token", "k: nt" "n_{d11}{A35}\n" },
	{ "figma-pat", "k: fi" "gd_{w40}\n" },
	{ "mapbox-secret-token", "k: sk" ".eyJ{w80}.{w22}\n" },
	{ "planetscale-token", "k: pscale" "_tkn_{A43}\n" },
	{ "planetscale-password", "k: pscale" "_pw_{A43}\n" },
	{ "planetscale-oauth-token", "k: pscale" "_oauth_{A43}\n" },
	{ "supabase-token", "k: sb" "p_{h40}\n" },
	{ "prefect-api-key", "k: pn" "u_{A36}\n" },
	{ "readme-api-key", "k: rd" "me_{l70}\n" },
	{ "frameio-token", "k: fio" "-u-{w64}\n" },
	{ "contentful-pat", "k: CF" "PAT-{w43}\n" },
	{ "typeform-pat", "k: tf" "p_{w59}\n" },
	{ "infracost-api-key", "k: ic" "o-{A32}\n" },
	{ "scalingo-token", "k: tk" "-us-{w48}\n" },
	{ "dropbox-access-token", "k: sl" ".{w135}\n" },
	{ "generic-password", "DB_PASSWORD=Tr0ub4dor&{A6}\n" },
	{ "generic-secret", "client_secret: \"{A32}\"\n" },
	{ "generic-api-key", "api_key = '{A32}'\n" },
};

static const struct vec *vec_for(const char *id)
{
	for (size_t i = 0; i < sizeof vecs / sizeof *vecs; i++)
		if (!strcmp(vecs[i].kind, id))
			return &vecs[i];
	return NULL;
}

static void expect_one(const char *kind, const char *text, size_t chunk)
{
	struct gots g;
	scan(text, chunk, &g);
	if (g.n != 1 || strcmp(g.v[0].kind, kind)) {
		fprintf(stderr, "  %s (chunk %zu): %zu matches%s%s in:\n%s", kind, chunk, g.n,
		        g.n ? ", first " : "", g.n ? g.v[0].kind : "", text);
		test_failed = 1;
	}
	gots_free(&g);
}

TEST(secret_db_compiles)
{
	const char *err = NULL;
	CHECK(secret_db_get(&err) != NULL);
	if (err)
		fprintf(stderr, "  %s\n", err);
	const struct secret_kind *const *v;
	size_t n = secret_kinds(&v);
	CHECK(n >= 100);
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			CHECK(strcmp(v[i]->id, v[k]->id) != 0);
}

TEST(secret_every_kind_found)
{
	const struct secret_kind *const *v;
	size_t n = secret_kinds(&v);
	for (size_t i = 0; i < n; i++) {
		const struct vec *t = vec_for(v[i]->id);
		if (!t) {
			fprintf(stderr, "  no test vector for %s\n", v[i]->id);
			test_failed = 1;
			continue;
		}
		char *text = gen(t->tpl);
		expect_one(t->kind, text, 0);
		free(text);
	}
}

/* Byte by byte and in odd chunks: the same secrets at the same offsets and lines. */
TEST(secret_split_across_chunks)
{
	static const size_t chunks[] = { 1, 3, 7, 64, 4096 };
	for (size_t i = 0; i < sizeof vecs / sizeof *vecs; i++) {
		char *body = gen(vecs[i].tpl);
		char *text = xasprintf("# header\n\n%s# trailer\n", body);
		struct gots whole, part;
		scan(text, 0, &whole);
		for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
			scan(text, chunks[c], &part);
			if (!gots_same(&part, &whole)) {
				fprintf(stderr, "  %s differs in chunks of %zu\n", vecs[i].kind, chunks[c]);
				test_failed = 1;
			}
			gots_free(&part);
		}
		CHECK(whole.n >= 1 && whole.v[0].line >= 3);
		gots_free(&whole);
		free(text);
		free(body);
	}
}

TEST(secret_aws_pair)
{
	char *text = gen("[default]\naws_access_key_id = AK" "IA{216}\nkey2 = {b40}\n");
	struct gots g;
	scan(text, 0, &g);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_STR(g.v[0].kind, "aws-access-key-id");
		CHECK_STR(g.v[1].kind, "aws-secret-access-key");
		CHECK_INT(g.v[1].line, 3);
	}
	gots_free(&g);
	free(text);
}

static void expect_none(const char *text)
{
	struct gots g;
	scan(text, 0, &g);
	if (g.n) {
		fprintf(stderr, "  decoy fired as %s (%s) in:\n%s\n", g.v[0].kind, g.v[0].text, text);
		test_failed = 1;
	}
	gots_free(&g);
}

TEST(secret_decoys)
{
	static const char *const decoys[] = {
		"aws_access_key_id = AKIAIOSFODNN7" "EXAMPLE\n",
		"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY" "EXAMPLEKEY\n",
		"token: ${GITHUB_TOKEN}\npassword: $DB_PASSWORD\napi_key = \"<your-key>\"\n",
		"password = \"changeme\"\nsecret: \"{{ .Values.secret }}\"\n",
		"DATABASE_URL=postgres://user:${PGPASSWORD}@db/x\nurl: postgres://user:password@localhost/db\n",
		"password = os.environ[\"DB_PASSWORD\"]\npassword = get_password()\n",
		"if password == \"hunter2xyz\":\n    pass\ntoken = self.token_value\n",
		"if line == \"-----BEGIN RSA PRIVATE KEY-----\":\n    start()\n",
		"stripe: sk" "_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
		"api_key: your_api_key_here_0123456789\nsecret = \"dummy-secret-value-123456\"\n",
		"https://user:****@example.org/\n",
		NULL,
	};
	for (const char *const *d = decoys; *d; d++)
		expect_none(*d);
	/* Random-looking values without a key shape or a key name. */
	static const char *const tpls[] = {
		"FROM alpine@sha256:{h64}\n",
		"checksum: sha256 {h64}\nsha256_digest = \"{h64}\"\n",
		"id: {h8}-{h4}-{h4}-{h4}-{h12}\nrequest_id = {h8}-{h4}-{h4}-{h4}-{h12}\n",
		"data: {b76}\n  {b76}\n  {b76}==\n",
		"commit {h40}\nintegrity sha512-{b86}==\n",
		"value gh" "p_{A36}\n",          /* no valid checksum */
		"npm np" "m_{A36}\n",
		"fake: eyJ{A20}.eyJ{A20}.{A30}\n",  /* header not JSON */
		NULL,
	};
	for (const char *const *t = tpls; *t; t++) {
		char *text = gen(*t);
		expect_none(text);
		free(text);
	}
}

TEST(secret_lines_and_offsets)
{
	char *a = gen("gh" "p_{A30}{crc}"), *b = gen("xo" "xb-{d12}-{d12}-{A24}");
	struct buf big = { 0 };
	buf_adds(&big, "one\ntwo\n  t = ");
	size_t off_a = big.len;
	buf_adds(&big, a);
	buf_adds(&big, "\n");
	for (int i = 0; i < 20000; i++)
		buf_adds(&big, "filler line of text\n");
	buf_adds(&big, "b: ");
	size_t off_b = big.len;
	buf_adds(&big, b);
	buf_adds(&big, "\n");
	for (size_t chunk = 0; chunk <= 1000; chunk += 1000) {
		struct gots g;
		scan(big.s, chunk, &g);
		CHECK_INT(g.n, 2);
		if (g.n == 2) {
			CHECK_INT(g.v[0].line, 3);
			CHECK_INT(g.v[0].off, off_a);
			CHECK_STR(g.v[0].text, a);
			CHECK_INT(g.v[1].line, 20004);
			CHECK_INT(g.v[1].off, off_b);
			CHECK_STR(g.v[1].text, b);
		}
		gots_free(&g);
	}
	free(big.s);
	free(a);
	free(b);
}

TEST(secret_specific_beats_generic)
{
	char *text = gen("GITHUB_TOKEN=\"gh" "p_{A30}{crc}\"\ngit: https://x:gh" "p_{A30}{crc}@github.com/o/r\n");
	struct gots g;
	scan(text, 0, &g);
	CHECK_INT(g.n, 2);
	for (size_t i = 0; i < g.n; i++)
		CHECK_STR(g.v[i].kind, "github-pat");
	gots_free(&g);
	free(text);
}

TEST(secret_redaction)
{
	char *text = gen("gh" "p_{A30}{crc}");
	struct secret_kind k = { "github-pat", "GitHub", SEV_CRITICAL };
	struct secret_match m = { &k, 0, 1, text, strlen(text) };
	char *r = secret_evidence(&m);
	CHECK_STR(r, "ghp_…(40 chars)");
	free(r);
	g_show_secrets = true;
	r = secret_evidence(&m);
	CHECK_STR(r, text);
	g_show_secrets = false;
	free(r);
	free(text);
	CHECK(secret_kind_is_private_key(&(struct secret_kind){ "pem-rsa-private-key", "", SEV_HIGH }));
	CHECK(!secret_kind_is_private_key(&k));
}

/* The build embeds the compiled database; on the machine that built it, it is the one used. */
TEST(secret_db_embedded)
{
	const char *force = getenv("BULWARK_SECRET_DB");
	CHECK(secret_db_get(NULL) != NULL);
	CHECK_STR(secret_db_source(), force && !strcmp(force, "compile") ? "compiled" : "embedded");
}

/* The fallback (compiled at run time) is the same database and finds the same secrets. */
TEST(secret_db_fallback_identical)
{
	const char *err = NULL;
	const struct secret_db *emb = secret_db_get(NULL), *cmp = secret_db_compiled(&err);
	CHECK(emb && cmp && emb != cmp);
	if (!emb || !cmp) {
		fprintf(stderr, "  %s\n", err ? err : "");
		return;
	}
	char *a = NULL, *b = NULL;
	size_t an = 0, bn = 0;
	CHECK(secret_db_serialize(emb, &a, &an) && secret_db_serialize(cmp, &b, &bn));
	CHECK(an == bn && a && b && !memcmp(a, b, an));
	free(a), free(b);
	struct buf all = { 0 };
	for (size_t i = 0; i < sizeof vecs / sizeof *vecs; i++) {
		char *text = gen(vecs[i].tpl);
		buf_adds(&all, text);
		struct gots x, y;
		scan_db(emb, text, 7, &x);
		scan_db(cmp, text, 7, &y);
		if (!gots_same(&x, &y) || !x.n) {
			fprintf(stderr, "  %s: %zu matches embedded, %zu compiled\n", vecs[i].kind, x.n, y.n);
			test_failed = 1;
		}
		gots_free(&x), gots_free(&y);
		free(text);
	}
	struct gots x, y;
	scan_db(emb, all.s, 0, &x);
	scan_db(cmp, all.s, 0, &y);
	CHECK(x.n > 0 && gots_same(&x, &y));
	gots_free(&x), gots_free(&y);
	free(all.s);
}

/* A hex value is excused as a digest only at a digest's length (40 or 64) next to a word like
 * sha or hash; 32 hex characters next to "HASH" are still a secret, and so are 40 elsewhere. */
TEST(secret_hex_digest_excuse)
{
	const char *text = "HASH_SECRET=3f2a9c8b7d6e5f4a3b2c1d0e9f8a7b6c\n"
	                   "sha256_secret = \"3f2a9c8b7d6e5f4a3b2c1d0e9f8a7b6c"
	                   "3f2a9c8b7d6e5f4a3b2c1d0e9f8a7b6c\"\n"
	                   "hash_secret = \"3f2a9c8b7d6e5f4a3b2c1d0e9f8a7b6c3f2a9c8b\"\n"
	                   "salt_secret = \"3f2a9c8b7d6e5f4a3b2c1d0e9f8a7b6c3f2a9c8b\"\n";
	struct gots g;
	scan(text, 0, &g);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_INT(g.v[0].line, 1);
		CHECK_STR(g.v[0].kind, "generic-secret");
		CHECK_INT(g.v[1].line, 4);
		CHECK_STR(g.v[1].kind, "generic-secret");
	}
	gots_free(&g);
}

/* Each prefix of an AWS access key id (user, temporary, and the two less common ones) is one;
 * the other shapes the pattern admits are not. */
TEST(secret_aws_id_prefixes)
{
	static const char *const yes[] = { "AK" "IA", "AS" "IA", "AB" "IA", "AC" "CA" };
	static const char *const no[] = { "AK" "CA", "AC" "IA", "AB" "CA", "AS" "CA" };
	for (size_t i = 0; i < 8; i++) {
		const char *pre = i < 4 ? yes[i] : no[i - 4];
		char *tpl = xasprintf("id = \"%s{216}\"\n", pre);
		char *text = gen(tpl);
		struct gots g;
		scan(text, 0, &g);
		bool ok = i < 4 ? g.n == 1 && !strcmp(g.v[0].kind, "aws-access-key-id") : g.n == 0;
		if (!ok) {
			fprintf(stderr, "  %s: %zu matches in %s", pre, g.n, text);
			test_failed = 1;
		}
		gots_free(&g);
		free(text);
		free(tpl);
	}
}

/* A URL's password that is a filler word, a mask or a template is no credential; a random one
 * in the same URL is. */
TEST(secret_url_placeholder_passwords)
{
	static const char *const fillers[] = { "password", "changeme", "root", "admin", "null",
	                                       "undefined", "****", "...", "xxxx-xxxx", "example1",
	                                       "your_password", "${DB_PASS}", "{{ .pass }}" };
	for (size_t i = 0; i < sizeof fillers / sizeof *fillers; i++) {
		char *text = xasprintf("url = \"mysql://app:%s@db/app\"\n"
		                       "url2 = https://deploy:%s@git.corp.net/r.git\n", fillers[i], fillers[i]);
		expect_none(text);
		free(text);
	}
	char *text = gen("url = \"mysql://app:{A16}@db/app\"\n");
	struct gots g;
	scan(text, 0, &g);
	CHECK(g.n == 1 && !strcmp(g.v[0].kind, "mysql-connection-string"));
	gots_free(&g);
	free(text);
}

TEST(secret_comment_markers_by_type)
{
	CHECK_INT(secret_comment_markers("conf/my.cnf.example"),
	          SECRET_COMMENT_HASH | SECRET_COMMENT_SEMI);
	CHECK_INT(secret_comment_markers(".env.sample"), SECRET_COMMENT_HASH);
	CHECK_INT(secret_comment_markers("a/Dockerfile"), SECRET_COMMENT_HASH);
	CHECK_INT(secret_comment_markers("src/config.TS.dist"), SECRET_COMMENT_SLASHES);
	CHECK_INT(secret_comment_markers("Jenkinsfile"), SECRET_COMMENT_SLASHES);
	CHECK_INT(secret_comment_markers("main.tf"), SECRET_COMMENT_HASH | SECRET_COMMENT_SLASHES);
	CHECK_INT(secret_comment_markers("package.json"), 0);
	CHECK_INT(secret_comment_markers("README.md"), 0);
}
