/* Repository metadata read as a stream of start tags: libxml2's xmlTextReader over the file,
 * decompressed by libarchive's raw format and filters when it is packed. Network access, DTD
 * loading and entity substitution stay off: the files come from the host under audit. */
#include "collect/host_patch_rpm_int.h"
#include "collect/archive_api.h"
#include "util/dynlib.h"
#include "util/util.h"
#include <errno.h>
#include <fcntl.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef XML_SONAME
#define XML_SONAME "libxml2.so.2"
#endif

#define XML_FUNCS(X) X(xmlReaderForIO) X(xmlTextReaderRead) X(xmlTextReaderNodeType)        \
	X(xmlTextReaderConstLocalName) X(xmlTextReaderMoveToAttribute)                      \
	X(xmlTextReaderMoveToElement) X(xmlTextReaderConstValue) X(xmlTextReaderDepth)         \
	X(xmlTextReaderIsEmptyElement) X(xmlFreeTextReader) X(xmlTextReaderSetErrorHandler)    \
	X(xmlTextReaderLocatorLineNumber) X(xmlTextReaderGetParserLineNumber)

#define XML_SLOT(f) __typeof__(f) *f;
static struct { XML_FUNCS(XML_SLOT) } xml;
#define XML_SYM(f) { #f, (void **)&xml.f },
static const struct dynlib_sym syms[] = { XML_FUNCS(XML_SYM) };
static struct dynlib lib = DYNLIB(XML_SONAME, syms, NULL);

struct rx {
	int fd;
	struct archive *ar;      /* NULL for a plain .xml */
	xmlTextReaderPtr rd;
	char err[256];           /* the first error */
	int err_line;
};

static void set_err(struct rx *x, int line, const char *fmt, const char *what)
{
	if (x->err[0])
		return;
	snprintf(x->err, sizeof x->err, fmt, what);
	size_t n = strlen(x->err);
	while (n && (x->err[n - 1] == '\n' || x->err[n - 1] == ' '))
		x->err[--n] = '\0';
	x->err_line = line;
}

static int io_read(void *ctx, char *buf, int len)
{
	struct rx *x = ctx;
	for (;;) {
		ssize_t n = x->ar ? (ssize_t)archive_read_data(x->ar, buf, (size_t)len)
		                  : read(x->fd, buf, (size_t)len);
		if (n < 0 && !x->ar && errno == EINTR)
			continue;
		if (n < 0)
			set_err(x, 0, "cannot read: %s",
			        x->ar ? archive_error_string(x->ar) : strerror(errno));
		return n < 0 ? -1 : (int)n;
	}
}

static void on_error(void *arg, const char *msg, xmlParserSeverities sev,
                     xmlTextReaderLocatorPtr loc)
{
	struct rx *x = arg;
	if (sev == XML_PARSER_SEVERITY_ERROR || sev == XML_PARSER_SEVERITY_VALIDITY_ERROR)
		set_err(x, loc ? xml.xmlTextReaderLocatorLineNumber(loc) : 0, "%s", msg);
}

static bool open_packed(struct rx *x, char *err, size_t errlen)
{
	const char *why = NULL;
	struct archive_entry *e;
	if (!archive_api_load(&why)) {
		snprintf(err, errlen, "cannot decompress: %s", why);
		return false;
	}
	x->ar = archive_read_new();
	archive_read_support_filter_all(x->ar);
	archive_read_support_format_raw(x->ar);
	if (archive_read_open_fd(x->ar, x->fd, 1 << 16) != ARCHIVE_OK ||
	    archive_read_next_header(x->ar, &e) != ARCHIVE_OK) {
		snprintf(err, errlen, "cannot decompress: %s", archive_error_string(x->ar));
		return false;
	}
	return true;
}

struct rx *rx_open(const struct hroot *r, const char *path, char *err, size_t errlen)
{
	const char *why = NULL;
	if (!dynlib_ready(&lib, &why)) {
		snprintf(err, errlen, "cannot read XML: %s", why);
		return NULL;
	}
	struct rx *x = xcalloc(1, sizeof *x);
	x->fd = hfs_open(r, path, O_RDONLY | O_CLOEXEC);
	if (x->fd < 0) {
		snprintf(err, errlen, "cannot read: %s", strerror(errno));
		free(x);
		return NULL;
	}
	if (!str_suffix(path, ".xml") && !open_packed(x, err, errlen)) {
		rx_close(x);
		return NULL;
	}
	x->rd = xml.xmlReaderForIO(io_read, NULL, x, NULL, NULL,
	                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
	if (!x->rd) {
		snprintf(err, errlen, "cannot read XML: out of memory");
		rx_close(x);
		return NULL;
	}
	xml.xmlTextReaderSetErrorHandler(x->rd, on_error, x);
	return x;
}

bool rx_next(struct rx *x)
{
	int rc;
	while ((rc = xml.xmlTextReaderRead(x->rd)) == 1)
		if (xml.xmlTextReaderNodeType(x->rd) == XML_READER_TYPE_ELEMENT)
			return true;
	if (rc < 0)
		set_err(x, xml.xmlTextReaderGetParserLineNumber(x->rd), "%s", "malformed XML");
	return false;
}

const char *rx_name(const struct rx *x)
{
	const xmlChar *n = xml.xmlTextReaderConstLocalName(x->rd);
	return n ? (const char *)n : "";
}

int rx_depth(const struct rx *x)
{
	return xml.xmlTextReaderDepth(x->rd);
}

static bool copy(char *buf, size_t n, const xmlChar *v)
{
	size_t len = v ? strlen((const char *)v) : 0;
	bool fits = len < n;
	if (!fits)
		len = n ? n - 1 : 0;
	if (n)
		memcpy(buf, v ? (const char *)v : "", len), buf[len] = '\0';
	return fits;
}

bool rx_attr(struct rx *x, const char *name, char *buf, size_t n)
{
	if (xml.xmlTextReaderMoveToAttribute(x->rd, (const xmlChar *)name) != 1) {
		copy(buf, n, NULL);
		return false;
	}
	copy(buf, n, xml.xmlTextReaderConstValue(x->rd));
	xml.xmlTextReaderMoveToElement(x->rd);
	return true;
}

bool rx_text(struct rx *x, char *buf, size_t n)
{
	copy(buf, n, NULL);
	if (xml.xmlTextReaderIsEmptyElement(x->rd) == 1 || xml.xmlTextReaderRead(x->rd) != 1)
		return true;
	int t = xml.xmlTextReaderNodeType(x->rd);
	if (t != XML_READER_TYPE_TEXT && t != XML_READER_TYPE_CDATA &&
	    t != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
		return true;
	return copy(buf, n, xml.xmlTextReaderConstValue(x->rd));
}

const char *rx_error(const struct rx *x, int *line)
{
	*line = x->err_line;
	return x->err[0] ? x->err : NULL;
}

void rx_close(struct rx *x)
{
	if (!x)
		return;
	if (x->rd)
		xml.xmlFreeTextReader(x->rd);
	if (x->ar)
		archive_read_free(x->ar);
	if (x->fd >= 0)
		close(x->fd);
	free(x);
}
