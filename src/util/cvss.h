/* CVSS base scores from vector strings, as the FIRST specifications compute them: v3.0 and
 * v3.1 by the formula with its round-up, v4.0 by the macro-vector lookup table and the
 * severity-distance interpolation. */
#ifndef BW_CVSS_H
#define BW_CVSS_H

/* The base score (0.0 to 10.0) of a "CVSS:3.0/...", "CVSS:3.1/..." or "CVSS:4.0/..." vector;
 * -1 when the string is not a valid vector (a base metric missing or repeated, an unknown
 * metric or value). */
double cvss_base_score(const char *vector);
double cvss3_base_score(const char *vector);
double cvss4_base_score(const char *vector);
#endif
