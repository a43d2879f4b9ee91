/* The HTML report's style and script, inline, and a Content-Security-Policy that admits these
 * two by hash and nothing else: no request leaves the page, and markup that got past the
 * escaping could still not run a script of its own. */
#include "report/html_int.h"
#include "util/crypto_api.h"
#include <string.h>

static const char css[] =
	"body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 16px;"
	"color:#1b1f24;background:#fff}\n"
	"h1{font-size:22px;margin:18px 0 4px}h2{font-size:18px;border-bottom:1px solid #ccd;"
	"padding-bottom:3px;margin-top:28px}h3{font-size:15px;margin:16px 0 6px}\n"
	".meta{color:#555}.failed{color:#b71c1c;font-weight:bold}.passed{color:#2e7d32;"
	"font-weight:bold}\n"
	"table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #dde;padding:3px 8px;"
	"text-align:left;vertical-align:top}td.n{text-align:right}\n"
	".totals{display:flex;gap:18px;flex-wrap:wrap}.totals div{border:1px solid #dde;"
	"padding:6px 12px;border-radius:4px}.totals b{display:block;font-size:20px}\n"
	".finding{border:1px solid #dde;border-left:5px solid #607d8b;border-radius:3px;"
	"margin:6px 0;padding:4px 10px}\n"
	".finding p{margin:3px 0}.loc{color:#555;font-family:monospace}code{background:#f3f4f6;"
	"padding:0 3px;word-break:break-all}\n"
	".sev{display:inline-block;min-width:58px;text-align:center;border-radius:3px;color:#fff;"
	"font-size:12px;background:#607d8b}\n"
	".sev-critical{border-left-color:#b71c1c}.sev-critical .sev,.sev.critical{background:#b71c1c}\n"
	".sev-high{border-left-color:#e65100}.sev-high .sev,.sev.high{background:#e65100}\n"
	".sev-medium{border-left-color:#c79100}.sev-medium .sev,.sev.medium{background:#c79100}\n"
	".sev-low{border-left-color:#1565c0}.sev-low .sev,.sev.low{background:#1565c0}\n"
	"td code{word-break:normal;white-space:nowrap}details summary{cursor:pointer;color:#1565c0}"
	"#filters{margin:10px 0}\n"
	"#filters label{margin-right:10px}.none{color:#555}\n";

static const char js[] =
	"(function(){var bar=document.getElementById('filters');if(!bar)return;bar.hidden=false;"
	"var q=document.getElementById('filter-text');"
	"function apply(){var on={},t=q.value.toLowerCase();"
	"bar.querySelectorAll('input[type=checkbox]').forEach(function(b){on[b.value]=b.checked;});"
	"document.querySelectorAll('article.finding').forEach(function(f){"
	"f.hidden=!on[f.dataset.severity]||(t!==''&&f.textContent.toLowerCase().indexOf(t)<0);});"
	"document.querySelectorAll('section.target,section.part').forEach(function(s){"
	"s.hidden=!s.querySelector('article.finding:not([hidden])');});}"
	"bar.addEventListener('input',apply);})();\n";

/* 'sha256-BASE64' of s, as a policy names an inline element's text. */
static void put_hash(struct out *o, const char *s)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char d[32];
	unsigned int n = 0;
	EVP_Digest(s, strlen(s), d, &n, EVP_sha256(), NULL);
	out_str(o, "'sha256-");
	for (size_t i = 0; i < 32; i += 3) {
		unsigned v = (unsigned)d[i] << 16 | (i + 1 < 32 ? (unsigned)d[i + 1] << 8 : 0) |
		             (i + 2 < 32 ? d[i + 2] : 0);
		out_c(o, b64[v >> 18 & 63]);
		out_c(o, b64[v >> 12 & 63]);
		out_c(o, i + 1 < 32 ? b64[v >> 6 & 63] : '=');
		out_c(o, i + 2 < 32 ? b64[v & 63] : '=');
	}
	out_c(o, '\'');
}

void html_head_assets(struct out *o)
{
	out_str(o, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	           "style-src ");
	put_hash(o, css);
	out_str(o, "; script-src ");
	put_hash(o, js);
	out_str(o, "; img-src data:; base-uri 'none'; form-action 'none'\">\n<style>");
	out_str(o, css);
	out_str(o, "</style>\n");
}

void html_script(struct out *o)
{
	out_str(o, "<script>");
	out_str(o, js);
	out_str(o, "</script>\n");
}
