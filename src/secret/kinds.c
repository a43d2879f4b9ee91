/* Every credential kind the engine knows. Formats follow each provider's documentation or a
 * well-kept scanner's rule; a shape (F_SHAPE) is the whole secret, an anchor (F_ANCHOR) is what
 * precedes a value the check then reads. Ids are stable: reports and suppressions use them. */
#include "secret/secret_int.h"
#include <string.h>

#define C SEV_CRITICAL
#define H SEV_HIGH
#define M SEV_MEDIUM
#define L SEV_LOW
/* A provider's token: a distinctive prefix and body. */
#define TOK(id, name, sev, re_, ...) \
	{ { id, name, sev }, .fam = F_SHAPE, .prio = 2, .re = re_, __VA_ARGS__ }
/* A shape of a lower priority (connection strings, generic URLs). */
#define SHP(prio_, id, name, sev, re_, ...) \
	{ { id, name, sev }, .fam = F_SHAPE, .prio = prio_, .re = re_, __VA_ARGS__ }
/* A value after a key name: anchor, then the value's shape. */
#define VAL(id, name, sev, anchor, val_, ...) \
	{ { id, name, sev }, .fam = F_ANCHOR, .prio = 1, .re = anchor, .val = val_, __VA_ARGS__ }
/* An anchor and a check that reads the structure around it. */
#define CHK(prio_, id, name, sev, anchor, fn, ...) \
	{ { id, name, sev }, .fam = F_ANCHOR, .prio = prio_, .re = anchor, .check = fn, __VA_ARGS__ }
#define PEM(id, name, sev, header) CHK(2, id, name, sev, header, check_pem, .back = 64, .ahead = 8192)
#define KEY "[\"']?\\s{0,4}[:=]"     /* an optional closing quote, then : or = */
#define URLCRED "://[^\\s/@:'\"]{0,64}:[^\\s/@'\"]{1,128}@"
#define UUID "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

struct kdef g_kdefs[] = {
	/* cloud providers */
	TOK("aws-access-key-id", "AWS access key id", H, "A[KSBC][IC]A[A-Z2-7]{16}",
	    .post = post_aws_id, .check = check_aws_id, .back = 320, .ahead = 320),
	VAL("aws-secret-access-key", "AWS secret access key", C,
	    "aws_?secret_?(access_?)?key" KEY, "[A-Za-z0-9/+]{40}", .caseless = true,
	    .post = post_aws_secret),
	CHK(3, "gcp-service-account-key", "Google Cloud service account private key", C,
	    "\"private_key\"\\s{0,8}:\\s{0,8}\"-----BEGIN", check_gcp, .back = 2048, .ahead = 6144),
	TOK("gcp-api-key", "Google API key", H, "AIza[A-Za-z0-9_-]{35}"),
	TOK("gcp-oauth-client-secret", "Google OAuth client secret", H, "GOCSPX-[A-Za-z0-9_-]{28}"),
	TOK("google-oauth-access-token", "Google OAuth access token", M, "ya29\\.[A-Za-z0-9_-]{30,400}"),
	TOK("firebase-cloud-messaging-key", "Firebase Cloud Messaging server key", H,
	    "AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}"),
	VAL("azure-storage-account-key", "Azure storage account key", C, "AccountKey=",
	    "[A-Za-z0-9+/]{86}={2}"),
	TOK("azure-ad-client-secret", "Azure AD (Entra ID) client secret", H,
	    "[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}"),
	TOK("digitalocean-pat", "DigitalOcean personal access token", H, "dop_v1_[a-f0-9]{64}"),
	TOK("digitalocean-oauth-token", "DigitalOcean OAuth token", H, "doo_v1_[a-f0-9]{64}"),
	TOK("digitalocean-refresh-token", "DigitalOcean refresh token", H, "dor_v1_[a-f0-9]{64}"),
	TOK("alibaba-access-key-id", "Alibaba Cloud AccessKey id", H, "LTAI[A-Za-z0-9]{12,20}"),
	VAL("ibm-cloud-api-key", "IBM Cloud API key", H, "ibm[\\w.-]{0,24}api[_-]?key" KEY,
	    "[A-Za-z0-9_-]{44}", .caseless = true, .post = post_entropy3),
	TOK("heroku-api-key", "Heroku API key", H, "HRKU-AA[A-Za-z0-9_-]{58}"),
	VAL("heroku-api-key-legacy", "Heroku API key (UUID form)", H,
	    "heroku[\\w.-]{0,24}(api[_-]?key|token)" KEY, UUID, .caseless = true),
	TOK("cloudflare-origin-ca-key", "Cloudflare Origin CA key", H, "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}"),
	VAL("cloudflare-api-token", "Cloudflare API token", H,
	    "cloudflare[\\w.-]{0,24}(token|api[_-]?key)" KEY, "[A-Za-z0-9_-]{40}", .caseless = true,
	    .post = post_entropy3),
	VAL("scaleway-secret-key", "Scaleway secret key", H, "scw[_-]?secret[_-]?key" KEY, UUID,
	    .caseless = true),
	VAL("linode-token", "Linode API token", H, "linode[\\w.-]{0,24}(token|api[_-]?key)" KEY,
	    "[a-f0-9]{64}", .caseless = true),
	TOK("openshift-user-token", "OpenShift user token", H, "sha256~[A-Za-z0-9_-]{43}"),
	TOK("databricks-token", "Databricks API token", H, "dapi[a-f0-9]{32}"),
	TOK("vault-service-token", "HashiCorp Vault service token", C, "hvs\\.[A-Za-z0-9_-]{90,120}"),
	TOK("vault-batch-token", "HashiCorp Vault batch token", H, "hvb\\.[A-Za-z0-9_-]{138,300}"),
	TOK("terraform-cloud-token", "Terraform Cloud / HCP Terraform API token", H,
	    "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}"),
	TOK("pulumi-access-token", "Pulumi access token", H, "pul-[a-f0-9]{40}"),
	TOK("doppler-token", "Doppler token", H, "dp\\.[a-z]{2}\\.[A-Za-z0-9]{40,44}", .post = post_doppler),
	TOK("age-secret-key", "age secret key", C, "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),
	TOK("onepassword-service-account-token", "1Password service account token", C,
	    "ops_eyJ[A-Za-z0-9+/]{250,2000}={0,2}"),

	/* source control and CI */
	TOK("github-pat", "GitHub personal access token (classic)", C, "ghp_[A-Za-z0-9]{36}",
	    .post = post_crc62),
	TOK("github-fine-grained-pat", "GitHub fine-grained personal access token", C,
	    "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"),
	TOK("github-oauth-token", "GitHub OAuth access token", H, "gho_[A-Za-z0-9]{36}", .post = post_crc62),
	TOK("github-user-token", "GitHub App user-to-server token", H, "ghu_[A-Za-z0-9]{36}",
	    .post = post_crc62),
	TOK("github-app-token", "GitHub App installation token", H, "ghs_[A-Za-z0-9]{36}",
	    .post = post_crc62),
	TOK("github-refresh-token", "GitHub refresh token", H, "ghr_[A-Za-z0-9]{36}", .post = post_crc62),
	TOK("gitlab-pat", "GitLab personal access token", C, "glpat-[A-Za-z0-9_-]{20,64}"),
	TOK("gitlab-runner-token", "GitLab runner authentication token", H, "glrt-[A-Za-z0-9_-]{20,64}"),
	TOK("gitlab-runner-registration-token", "GitLab runner registration token", H,
	    "GR1348941[A-Za-z0-9_-]{20}"),
	TOK("gitlab-deploy-token", "GitLab deploy token", H, "gldt-[A-Za-z0-9_-]{20,64}"),
	TOK("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", H, "glptt-[a-f0-9]{40}"),
	TOK("gitlab-feed-token", "GitLab feed token", M, "glft-[A-Za-z0-9_-]{20}"),
	TOK("gitlab-oauth-app-secret", "GitLab OAuth application secret", H, "gloas-[A-Za-z0-9_-]{64}"),
	TOK("gitlab-cicd-job-token", "GitLab CI/CD job token", H, "glcbt-[A-Za-z0-9_-]{20,64}"),
	TOK("gitlab-incoming-mail-token", "GitLab incoming mail token", M, "glimt-[A-Za-z0-9_-]{25}"),
	TOK("gitlab-agent-token", "GitLab agent for Kubernetes token", H, "glagent-[A-Za-z0-9_-]{50}"),
	TOK("gitlab-scim-token", "GitLab SCIM token", H, "glsoat-[A-Za-z0-9_-]{20}"),
	TOK("gitlab-feature-flags-token", "GitLab feature flags client token", L, "glffct-[A-Za-z0-9_-]{20}"),
	TOK("bitbucket-app-password", "Bitbucket app password", H, "ATBB[A-Za-z0-9_=.-]{32}"),
	TOK("atlassian-api-token", "Atlassian API token", H, "ATATT3[A-Za-z0-9_=-]{186}"),
	TOK("circleci-pat", "CircleCI personal API token", H, "CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}"),
	TOK("circleci-project-token", "CircleCI project API token", H, "CCIPRJ_[A-Za-z0-9]{22}_[a-f0-9]{40}"),
	VAL("travis-ci-token", "Travis CI API token", H, "travis[\\w.-]{0,24}(token|api[_-]?key)" KEY,
	    "[A-Za-z0-9_-]{22}", .caseless = true, .post = post_entropy3),
	TOK("buildkite-api-token", "Buildkite API access token", H, "bkua_[a-f0-9]{40}"),
	TOK("sourcegraph-token", "Sourcegraph access token", H, "sgp_[a-f0-9_]{40,57}"),
	TOK("harness-pat", "Harness personal access token", H,
	    "pat\\.[A-Za-z0-9_-]{22}\\.[a-f0-9]{24}\\.[A-Za-z0-9]{20}"),
	TOK("octopus-deploy-api-key", "Octopus Deploy API key", H, "API-[A-Z0-9]{26}"),

	/* chat, mail and messaging */
	TOK("slack-bot-token", "Slack bot token", H, "xoxb-\\d{10,13}-\\d{10,13}-[A-Za-z0-9]{24}"),
	TOK("slack-user-token", "Slack user token", H,
	    "xoxp-\\d{10,13}-\\d{10,13}-\\d{10,13}-[A-Za-z0-9]{28,34}"),
	TOK("slack-app-token", "Slack app-level token", H, "xapp-\\d-[A-Z0-9]{9,12}-\\d{10,13}-[a-z0-9]{64}"),
	TOK("slack-config-token", "Slack configuration access token", H, "xoxe\\.xox[bp]-\\d-[A-Z0-9]{163,166}"),
	TOK("slack-config-refresh-token", "Slack configuration refresh token", H, "xoxe-\\d-[A-Z0-9]{146}"),
	TOK("slack-webhook-url", "Slack incoming webhook URL", H,
	    "hooks\\.slack\\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}"),
	VAL("discord-bot-token", "Discord bot token", H, "discord[\\w.-]{0,24}(token|secret)" KEY,
	    "[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}", .caseless = true),
	TOK("discord-webhook-url", "Discord webhook URL", H,
	    "discord[a-z]{0,3}\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,68}"),
	TOK("telegram-bot-token", "Telegram bot token", H, "\\d{8,10}:AA[A-Za-z0-9_-]{33}"),
	TOK("teams-webhook-url", "Microsoft Teams incoming webhook URL", H,
	    "webhook\\.office\\.com/webhookb2/[A-Za-z0-9@-]{36,80}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}"),
	TOK("twilio-api-key", "Twilio API key", H, "SK[0-9a-f]{32}"),
	TOK("sendgrid-api-key", "SendGrid API key", H, "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"),
	TOK("mailgun-api-key", "Mailgun API key", H, "key-[0-9a-f]{32}"),
	TOK("mailchimp-api-key", "Mailchimp API key", H, "[0-9a-f]{32}-us\\d{1,2}"),
	TOK("twitter-bearer-token", "X (Twitter) bearer token", H,
	    "AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{30,120}"),

	/* payments and commerce */
	TOK("stripe-secret-key", "Stripe live secret key", C, "sk_live_[A-Za-z0-9]{24,247}"),
	TOK("stripe-restricted-key", "Stripe live restricted key", H, "rk_live_[A-Za-z0-9]{24,247}"),
	TOK("stripe-webhook-secret", "Stripe webhook signing secret", H, "whsec_[A-Za-z0-9+/=]{32,64}"),
	TOK("square-access-token", "Square access token", H, "EAAA[A-Za-z0-9_-]{60}"),
	TOK("square-legacy-access-token", "Square access token (legacy)", H, "sq0atp-[A-Za-z0-9_-]{22}"),
	TOK("square-oauth-secret", "Square OAuth secret", H, "sq0csp-[A-Za-z0-9_-]{43}"),
	TOK("braintree-access-token", "PayPal Braintree access token", H,
	    "access_token\\$production\\$[a-z0-9]{16}\\$[a-f0-9]{32}"),
	TOK("shopify-access-token", "Shopify access token", H, "shpat_[a-fA-F0-9]{32}"),
	TOK("shopify-custom-app-token", "Shopify custom app access token", H, "shpca_[a-fA-F0-9]{32}"),
	TOK("shopify-private-app-token", "Shopify private app access token", H, "shppa_[a-fA-F0-9]{32}"),
	TOK("shopify-shared-secret", "Shopify shared secret", H, "shpss_[a-fA-F0-9]{32}"),
	TOK("flutterwave-secret-key", "Flutterwave secret key", H, "FLWSECK-[a-f0-9]{32}-X"),
	TOK("shippo-live-token", "Shippo live API token", H, "shippo_live_[a-f0-9]{40}"),
	TOK("easypost-api-key", "EasyPost API key", H, "EZAK[A-Za-z0-9]{54}"),
	TOK("duffel-live-token", "Duffel live access token", H, "duffel_live_[A-Za-z0-9_=-]{43}"),

	/* package registries and artifact stores */
	TOK("npm-access-token", "npm access token", H, "npm_[A-Za-z0-9]{36}", .post = post_crc62),
	CHK(1, "npmrc-auth-token", ".npmrc _authToken", H, "_authToken\\s{0,4}=", check_plain_value,
	    .ahead = 600),
	CHK(1, "npmrc-auth", ".npmrc _auth (base64 user:password)", H, "_auth\\s{0,4}=", check_npmrc_auth,
	    .ahead = 1100),
	CHK(1, "npmrc-password", ".npmrc _password", H, "_password\\s{0,4}=", check_npmrc_auth,
	    .ahead = 1100),
	TOK("pypi-upload-token", "PyPI upload token", H, "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}"),
	CHK(1, "pypirc-password", ".pypirc password", H, "\\npassword[ \\t]{0,4}[:=]", check_pypirc,
	    .back = 1024, .ahead = 600),
	TOK("rubygems-api-key", "RubyGems API key", H, "rubygems_[a-f0-9]{48}"),
	TOK("nuget-api-key", "NuGet API key", H, "oy2[a-z0-9]{43}"),
	TOK("dockerhub-pat", "Docker Hub personal access token", H, "dckr_pat_[A-Za-z0-9_-]{27}"),
	TOK("dockerhub-oat", "Docker Hub organization access token", H, "dckr_oat_[A-Za-z0-9_-]{27,40}"),
	CHK(1, "docker-config-auth", "Docker config.json registry credential", H,
	    "\"auth\"\\s{0,4}:\\s{0,4}\"", check_docker_auth, .ahead = 1400),
	CHK(1, "docker-config-identity-token", "Docker config.json identity token", H,
	    "\"identitytoken\"\\s{0,4}:", check_plain_value, .ahead = 600),
	TOK("jfrog-api-key", "JFrog Artifactory API key", H, "AKCp[A-Za-z0-9]{69}"),
	TOK("jfrog-reference-token", "JFrog reference token", H, "cmVmdGtuOjAxOj[A-Za-z0-9]{50,64}"),
	TOK("clojars-api-token", "Clojars deploy token", H, "CLOJARS_[a-z0-9]{60}"),

	/* private keys */
	PEM("pem-rsa-private-key", "RSA private key (PEM)", C, "-----BEGIN RSA PRIVATE KEY-----"),
	PEM("pem-ec-private-key", "EC private key (PEM)", C, "-----BEGIN EC PRIVATE KEY-----"),
	PEM("pem-dsa-private-key", "DSA private key (PEM)", C, "-----BEGIN DSA PRIVATE KEY-----"),
	PEM("pem-private-key", "PKCS#8 private key (PEM)", C, "-----BEGIN PRIVATE KEY-----"),
	PEM("pem-encrypted-private-key", "Encrypted private key (PEM)", H,
	    "-----BEGIN ENCRYPTED PRIVATE KEY-----"),
	PEM("openssh-private-key", "OpenSSH private key", C, "-----BEGIN OPENSSH PRIVATE KEY-----"),
	PEM("pgp-private-key", "PGP private key block", C, "-----BEGIN PGP PRIVATE KEY BLOCK-----"),
	PEM("ssh2-private-key", "SSH2 (SECSH) encrypted private key", H,
	    "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----"),
	CHK(2, "putty-private-key", "PuTTY private key", C, "PuTTY-User-Key-File-[23]: ", check_putty,
	    .back = 64, .ahead = 8192),
	CHK(1, "kubeconfig-client-key", "kubeconfig client-key-data", C, "client-key-data:",
	    check_kube_key, .ahead = 8192),
	CHK(1, "kubeconfig-token", "kubeconfig user token", H, "\\n[ \\t]{2,16}token:", check_kube_token,
	    .back = 400, .ahead = 600),

	/* tokens and URLs with credentials */
	TOK("jwt", "JSON Web Token", M,
	    "eyJ[A-Za-z0-9_-]{8,1000}\\.eyJ[A-Za-z0-9_-]{8,4000}\\.[A-Za-z0-9_-]{16,1000}",
	    .post = post_jwt),
	SHP(1, "postgres-connection-string", "PostgreSQL URL with a password", H,
	    "postgres[a-z]{0,2}" URLCRED, .post = post_url),
	SHP(1, "mysql-connection-string", "MySQL URL with a password", H, "mysql[a-z+]{0,10}" URLCRED,
	    .post = post_url),
	SHP(1, "mongodb-connection-string", "MongoDB URL with a password", H, "mongodb[a-z+]{0,4}" URLCRED,
	    .post = post_url),
	SHP(1, "redis-connection-string", "Redis URL with a password", H, "rediss?" URLCRED,
	    .post = post_url),
	SHP(1, "amqp-connection-string", "AMQP (RabbitMQ) URL with a password", H, "amqps?" URLCRED,
	    .post = post_url),
	SHP(0, "basic-auth-url", "URL with a user and password", M, "[a-z][a-z0-9+.-]{1,20}" URLCRED,
	    .post = post_url),
	SHP(2, "sentry-dsn-secret", "Sentry DSN with its secret key", H,
	    "https?://[a-f0-9]{32}:[a-f0-9]{32}@"),
	CHK(1, "netrc-password", ".netrc password", H, "\\bpassword[ \\t]", check_netrc, .back = 300,
	    .ahead = 600),

	/* observability, AI and other services */
	TOK("sentry-org-token", "Sentry organization auth token", H, "sntrys_eyJ[A-Za-z0-9+/=_-]{60,400}"),
	TOK("sentry-user-token", "Sentry user auth token", H, "sntryu_[a-f0-9]{64}"),
	TOK("new-relic-user-api-key", "New Relic user API key", H, "NRAK-[A-Z0-9]{27}"),
	TOK("new-relic-insert-key", "New Relic insert key", H, "NRII-[A-Za-z0-9_-]{32}"),
	TOK("new-relic-license-key", "New Relic license key", H, "[a-fA-F0-9]{36}NRAL"),
	TOK("new-relic-browser-key", "New Relic browser API key", L, "NRJS-[a-f0-9]{19}"),
	VAL("datadog-api-key", "Datadog API key", H, "(dd|datadog)[_-]?api[_-]?key" KEY, "[a-f0-9]{32}",
	    .caseless = true),
	VAL("datadog-app-key", "Datadog application key", H, "(dd|datadog)[_-]?app(lication)?[_-]?key" KEY,
	    "[a-f0-9]{40}", .caseless = true),
	TOK("grafana-api-key", "Grafana API key", H, "eyJrIjoi[A-Za-z0-9]{70,400}={0,2}"),
	TOK("grafana-cloud-token", "Grafana Cloud API token", H, "glc_[A-Za-z0-9+/]{32,400}={0,2}"),
	TOK("grafana-service-account-token", "Grafana service account token", H,
	    "glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"),
	TOK("dynatrace-token", "Dynatrace API token", H, "dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}"),
	TOK("openai-api-key", "OpenAI API key", H, "sk-[A-Za-z0-9_-]{20,164}T3BlbkFJ[A-Za-z0-9_-]{20,164}"),
	TOK("anthropic-api-key", "Anthropic API key", H, "sk-ant-api03-[A-Za-z0-9_-]{93}AA"),
	TOK("anthropic-admin-key", "Anthropic admin API key", C, "sk-ant-admin01-[A-Za-z0-9_-]{93}AA"),
	TOK("huggingface-token", "Hugging Face access token", H, "hf_[A-Za-z]{34}"),
	TOK("huggingface-org-token", "Hugging Face organization token", H, "api_org_[A-Za-z]{34}"),
	TOK("replicate-api-token", "Replicate API token", H, "r8_[A-Za-z0-9]{37}"),
	TOK("groq-api-key", "Groq API key", H, "gsk_[A-Za-z0-9]{52}"),
	TOK("perplexity-api-key", "Perplexity API key", H, "pplx-[A-Za-z0-9]{48}"),
	TOK("xai-api-key", "xAI API key", H, "xai-[A-Za-z0-9]{80}"),
	TOK("postman-api-key", "Postman API key", H, "PMAK-[a-f0-9]{24}-[a-f0-9]{34}"),
	TOK("linear-api-key", "Linear API key", H, "lin_api_[A-Za-z0-9]{40}"),
	TOK("notion-token", "Notion integration token", H, "ntn_\\d{11}[A-Za-z0-9]{35}"),
	TOK("figma-pat", "Figma personal access token", H, "figd_[A-Za-z0-9_-]{40}"),
	TOK("mapbox-secret-token", "Mapbox secret token", H, "sk\\.eyJ[A-Za-z0-9_-]{50,200}\\.[A-Za-z0-9_-]{20,40}"),
	TOK("planetscale-token", "PlanetScale service token", H, "pscale_tkn_[A-Za-z0-9_.-]{32,64}"),
	TOK("planetscale-password", "PlanetScale database password", H, "pscale_pw_[A-Za-z0-9_.-]{32,64}"),
	TOK("planetscale-oauth-token", "PlanetScale OAuth token", H, "pscale_oauth_[A-Za-z0-9_.-]{32,64}"),
	TOK("supabase-token", "Supabase access token", H, "sbp_[a-f0-9]{40}"),
	TOK("prefect-api-key", "Prefect API key", H, "pnu_[A-Za-z0-9]{36}"),
	TOK("readme-api-key", "ReadMe API key", H, "rdme_[a-z0-9]{70}"),
	TOK("frameio-token", "Frame.io API token", H, "fio-u-[A-Za-z0-9_=-]{64}"),
	TOK("contentful-pat", "Contentful personal access token", H, "CFPAT-[A-Za-z0-9_-]{43}"),
	TOK("typeform-pat", "Typeform personal access token", H, "tfp_[A-Za-z0-9_.=-]{59}"),
	TOK("infracost-api-key", "Infracost API key", H, "ico-[A-Za-z0-9]{32}"),
	TOK("scalingo-token", "Scalingo API token", H, "tk-us-[A-Za-z0-9_-]{48}"),
	TOK("dropbox-access-token", "Dropbox access token", H, "sl\\.[A-Za-z0-9_=-]{135}"),

	/* generic assignments: a key name and a literal value random enough to be a credential */
	CHK(0, "generic-password", "Password in an assignment", M,
	    "(password|passwd|passphrase|pwd)[\\w.-]{0,20}" KEY, check_generic, .caseless = true,
	    .back = 64, .ahead = 600),
	CHK(0, "generic-secret", "Secret or token in an assignment", M,
	    "(secret|token)[\\w.-]{0,20}" KEY, check_generic, .caseless = true, .back = 64, .ahead = 600),
	CHK(0, "generic-api-key", "API key in an assignment", M,
	    "(api[_-]?key|access[_-]?key|app[_-]?key)[\\w.-]{0,20}" KEY, check_generic, .caseless = true,
	    .back = 64, .ahead = 600),
};
const size_t g_nkdefs = sizeof g_kdefs / sizeof *g_kdefs;

const struct kdef *kdef_by_id(const char *id)
{
	for (size_t i = 0; i < g_nkdefs; i++)
		if (!strcmp(g_kdefs[i].k.id, id))
			return &g_kdefs[i];
	return NULL;
}

bool secret_kind_is_private_key(const struct secret_kind *k)
{
	static const char *const pre[] = { "pem-", "openssh-", "pgp-", "ssh2-", "putty-", NULL };
	for (const char *const *p = pre; *p; p++)
		if (!strncmp(k->id, *p, strlen(*p)))
			return true;
	return false;
}
