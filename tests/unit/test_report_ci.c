/* The HTML, JUnit and GitLab writers: escaping, counts, fingerprints. */
#include "test.h"
#include "report/report.h"
#include "report/report_ci.h"
#include "rules/rule.h"
#include "util/util.h"
#include <jansson.h>
#include <stdlib.h>

static const struct rule t_root = {
	.id = "BW-T010", .title = "Runs as root", .severity = SEV_HIGH,
	.rationale = "Root in a container is root on a bad day.", .remediation = "Add USER.",
	.refs = ALIASES("https://docs.docker.com/engine/security/"),
};

static char *escaped(const char *s, bool attr)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct out *o = xcalloc(1, sizeof *o);
	o->fp = fp;
	if (attr)
		xml_attr(o, s);
	else
		xml_text(o, s);
	CHECK_INT(out_end(o), 0);
	free(o);
	fclose(fp);
	return buf;
}

TEST(report_xml_escapes_markup_controls_and_bad_utf8)
{
	/* markup, a quote of each kind, a C0 control, a lone continuation byte, U+FFFE, and valid
	 * two- and four-byte characters that must pass as they are */
	const char *in = "a<b>&\"'\x01\x80\xef\xbf\xbe\tx\ny\r\xc3\xa9\xf0\x9f\x90\xb3";
	char *t = escaped(in, false), *a = escaped(in, true);
	CHECK_STR(t, "a&lt;b&gt;&amp;&quot;&#39;\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\tx\ny&#13;"
	             "\xc3\xa9\xf0\x9f\x90\xb3");
	CHECK_STR(a, "a&lt;b&gt;&amp;&quot;&#39;\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd&#9;x&#10;y&#13;"
	             "\xc3\xa9\xf0\x9f\x90\xb3");
	free(t);
	free(a);
}

/* Two findings on one Dockerfile. */
static void two(struct findings *f)
{
	memset(f, 0, sizeof *f);
	f->cur = (struct target){ TK_DOCKERFILE, "Dockerfile", NULL, NULL };
	finding_add(f, &t_root, (struct loc){ "Dockerfile", 2 }, NULL, "%s", "old finding");
	finding_add(f, &t_root, (struct loc){ "Dockerfile", 9 }, NULL, "%s", "new <finding>");
}

static char *render(const struct findings *f, enum report_format fmt)
{
	struct report_opts o = { .format = fmt, .fail_on = SEV_HIGH, .inputs = 1, .baselined = 3 };
	return test_report(f, &o);
}

TEST(report_ci_formats_show_each_finding_and_the_baselined_count)
{
	struct findings f;
	two(&f);
	char *gl = render(&f, FMT_GITLAB), *ju = render(&f, FMT_JUNIT), *ht = render(&f, FMT_HTML);
	json_t *j = json_loads(gl, 0, NULL);
	CHECK(j && json_array_size(j) == 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(j, 1), "description")),
	          "new <finding>");
	CHECK(strstr(ju, "old finding") && strstr(ju, "new &lt;finding&gt;"));
	CHECK(strstr(ju, "tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
	CHECK(strstr(ht, "old finding") && strstr(ht, "new &lt;finding&gt;"));
	/* the pipeline took the baselined ones out of the list; the page counts them */
	CHECK(strstr(ht, "id=\"count-baselined\" data-count=\"3\""));
	CHECK(strstr(ht, "id=\"count-findings\" data-count=\"2\""));
	CHECK(strstr(ht, "id=\"verdict\" class=\"failed\" data-failing=\"2\""));
	/* a reference is text, never a link */
	CHECK(strstr(ht, "References: https://docs.docker.com/engine/security/") &&
	      !strstr(ht, "href=\"http"));
	json_decref(j);
	free(gl);
	free(ju);
	free(ht);
	findings_free(&f);
}

TEST(report_gitlab_fingerprint_is_the_findings_own_and_unique)
{
	struct findings f;
	two(&f);
	f.v[0].fingerprint = xstrdup("fp-from-the-pipeline");
	f.v[1].fingerprint = xstrdup("fp-from-the-pipeline");
	char *gl = render(&f, FMT_GITLAB);
	json_t *j = json_loads(gl, 0, NULL);
	const char *a = json_string_value(json_object_get(json_array_get(j, 0), "fingerprint"));
	const char *b = json_string_value(json_object_get(json_array_get(j, 1), "fingerprint"));
	CHECK_STR(a, "fp-from-the-pipeline");
	CHECK(b && strcmp(a, b) != 0 && strlen(b) == 16);
	json_decref(j);
	free(gl);
	/* without one: the same finding's fingerprint whatever its line */
	free(f.v[0].fingerprint);
	free(f.v[1].fingerprint);
	f.v[0].fingerprint = f.v[1].fingerprint = NULL;
	gl = render(&f, FMT_GITLAB);
	f.v[0].line = 40;
	char *moved = render(&f, FMT_GITLAB);
	json_t *x = json_loads(gl, 0, NULL), *y = json_loads(moved, 0, NULL);
	CHECK_STR(json_string_value(json_object_get(json_array_get(x, 0), "fingerprint")),
	          json_string_value(json_object_get(json_array_get(y, 0), "fingerprint")));
	CHECK(!strstr(gl, "fp-from-the-pipeline"));
	json_decref(x);
	json_decref(y);
	free(gl);
	free(moved);
	findings_free(&f);
}
