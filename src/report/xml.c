/* XML and HTML escaping for the HTML and JUnit writers. Messages quote the checked files, so
 * every byte of them is escaped or checked here: none reaches the markup as it came. */
#include "report/report_ci.h"
#include "util/util.h"
#include <string.h>

/* The code point of the valid sequence of n bytes at p. */
static unsigned code_point(const unsigned char *p, size_t n)
{
	unsigned cp = n == 2 ? p[0] & 0x1fu : n == 3 ? p[0] & 0x0fu : p[0] & 0x07u;
	for (size_t i = 1; i < n; i++)
		cp = cp << 6 | (p[i] & 0x3fu);
	return cp;
}

static void escape(struct out *o, const char *s, bool attr)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	if (!s)
		return;
	while (*p) {
		const char *rep = NULL;
		size_t n = 1;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		default:
			if (*p < 0x20) {
				rep = "\xef\xbf\xbd";
			} else if (*p >= 0x80) {
				n = utf8_seq(p, 4);
				unsigned cp = n ? code_point(p, n) : 0;
				if (!n || cp == 0xfffe || cp == 0xffff)
					rep = "\xef\xbf\xbd";
				n = n ? n : 1;
			}
		}
		if (rep) {
			out_add(o, (const char *)run, (size_t)(p - run));
			out_str(o, rep);
			run = p + n;
		}
		p += n;
	}
	out_add(o, (const char *)run, (size_t)(p - run));
}

void xml_text(struct out *o, const char *s)
{
	escape(o, s, false);
}

void xml_attr(struct out *o, const char *s)
{
	escape(o, s, true);
}
