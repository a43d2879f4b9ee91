/* The offline subcommands' work: one recorded request decided, one policy file validated; the
 * decision and the errors printed as `bulwark authz check` shows them. */
#include "authz/authz.h"
#include "authz/authz_int.h"
#include "collect/input.h"
#include "util/util.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_errors(const struct findings *errs)
{
	for (size_t i = 0; i < errs->nerrors; i++) {
		const struct input_error *e = &errs->errors[i];
		if (e->line > 0)
			fprintf(stderr, "bulwark: %s:%d: %s\n", e->input, e->line, e->message);
		else
			fprintf(stderr, "bulwark: %s: %s\n", e->input, e->message);
	}
}

static struct authz_policy *load_policy(const char *path)
{
	struct findings errs = { 0 };
	struct authz_policy *p = path ? authz_policy_load(path, &errs) : authz_policy_default();
	print_errors(&errs);
	findings_free(&errs);
	return p;
}

static void print_decision(const struct authz_decision *d, bool as_json)
{
	if (!as_json) {
		if (d->allow)
			printf("allowed: %s%s%s (role %s)\n", d->action ? d->action : "?",
			       d->target ? " " : "", d->target ? d->target : "", d->role ? d->role : "?");
		else
			printf("%s\n", d->msg);
		return;
	}
	json_t *o = json_pack("{s:b}", "allow", d->allow);
	const char *keys[] = { "msg", "rule", "role", "action", "target", "user" };
	const char *vals[] = { d->msg, d->rule, d->role, d->action, d->target, d->user };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		json_object_set_new(o, keys[i], vals[i] ? json_string(vals[i]) : json_null());
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	printf("%s\n", s);
	free(s);
	json_decref(o);
}

/* A file that is no AuthZReq at all (not JSON, not an object with a method and a URI) is an
 * input error, not a request to decide: the plugin would deny it, but nothing sent it. */
static bool is_request(const char *path, const char *text, size_t len)
{
	json_error_t e;
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
	if (!j && strspn(text, " \t\r\n") == len) {
		fprintf(stderr, "bulwark: %s: empty, not an authorization request\n", path);
		return false;
	}
	if (!j) {
		char *near = strstr(e.text, " near ");
		if (near)
			*near = '\0';
		for (char *p = e.text; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = '?';
		fprintf(stderr, "bulwark: %s:%d:%d: not valid JSON: %s\n", path, e.line, e.column,
		        e.text);
		return false;
	}
	json_t *uri = json_object_get(j, "RequestUri");
	if (!uri)
		uri = json_object_get(j, "RequestURI");
	bool ok = json_is_object(j) && json_is_string(json_object_get(j, "RequestMethod")) &&
	          json_is_string(uri);
	if (!ok)
		fprintf(stderr, "bulwark: %s: not an authorization request: an AuthZReq is a JSON "
		        "object with RequestMethod and RequestUri strings\n", path);
	json_decref(j);
	return ok;
}

int authz_check_file(const char *policy, const char *req, bool as_json)
{
	struct findings errs = { 0 };
	char *text;
	size_t len;
	if (!input_read(req, &text, &len, &errs)) {
		print_errors(&errs);
		findings_free(&errs);
		return -1;
	}
	struct authz_policy *p = is_request(req, text, len) ? load_policy(policy) : NULL;
	if (!p) {
		free(text);
		return -1;
	}
	struct authz_decision d;
	authz_decide(p, text, len, &d);
	print_decision(&d, as_json);
	int rc = d.allow;
	authz_decision_free(&d);
	authz_policy_free(p);
	free(text);
	return rc;
}

bool authz_lint_file(const char *path)
{
	struct authz_policy *p = load_policy(path);
	authz_policy_free(p);
	return p != NULL;
}
