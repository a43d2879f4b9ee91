# SBOM checks for tests/cli/sbom.sh. Exit 0 when every FILE passes, else 1 with the reason.
#   python3 sbom_check.py cdx SCHEMA_DIR FILE...  CycloneDX 1.5's JSON schema (draft-07), formats
#                                                 checked, plus bom-refs unique
#   python3 sbom_check.py spdx FILE...            what SPDX 2.3 requires of a JSON document,
#                                                 checked field by field: no SPDX 2.3 JSON schema
#                                                 is packaged for Debian or npm
import json, re, sys

def cdx(schema_dir, files):
    import jsonschema
    def load(name):
        with open("%s/%s" % (schema_dir, name)) as f:
            return json.load(f)
    bom = load("bom-1.5.SNAPSHOT.schema.json")
    refs = {"http://cyclonedx.org/schema/" + n: load(n)
            for n in ("spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json")}
    fmt = getattr(jsonschema.Draft7Validator, "FORMAT_CHECKER", None) or jsonschema.draft7_format_checker
    try:   # jsonschema 4.18 and later
        from referencing import Registry, Resource
        reg = Registry().with_resources((u, Resource.from_contents(d)) for u, d in refs.items())
        v = jsonschema.Draft7Validator(bom, registry=reg, format_checker=fmt)
    except ImportError:   # Debian 12's 4.10
        res = jsonschema.RefResolver(bom["$id"], bom, store=refs)
        v = jsonschema.Draft7Validator(bom, resolver=res, format_checker=fmt)
    for path in files:
        doc = json.load(open(path))
        v.validate(doc)
        # date-time is checked only where rfc3339-validator is installed: check it here too
        assert DATE.match(doc["metadata"]["timestamp"]), doc["metadata"]["timestamp"]
        ids = [c["bom-ref"] for c in doc.get("components", []) if "bom-ref" in c]
        ids.append(doc["metadata"]["component"]["bom-ref"])
        assert len(ids) == len(set(ids)), "%s: bom-refs repeat" % path

TOP = {"SPDXID", "annotations", "comment", "creationInfo", "dataLicense", "documentDescribes",
       "documentNamespace", "externalDocumentRefs", "files", "hasExtractedLicensingInfos", "name",
       "packages", "relationships", "snippets", "spdxVersion", "revieweds"}
PKG = {"SPDXID", "annotations", "attributionTexts", "builtDate", "checksums", "comment",
       "copyrightText", "description", "downloadLocation", "externalRefs", "filesAnalyzed",
       "hasFiles", "homepage", "licenseComments", "licenseConcluded", "licenseDeclared",
       "licenseInfoFromFiles", "name", "originator", "packageFileName", "packageVerificationCode",
       "primaryPackagePurpose", "releaseDate", "sourceInfo", "summary", "supplier",
       "validUntilDate", "versionInfo"}
# As SPDX 2.3's JSON schema spells them (its prose writes OPERATING-SYSTEM, the schema does not).
PURPOSES = {"APPLICATION", "FRAMEWORK", "LIBRARY", "CONTAINER", "OPERATING_SYSTEM", "DEVICE",
            "FIRMWARE", "SOURCE", "ARCHIVE", "FILE", "INSTALL", "OTHER"}
CHECKSUMS = {"SHA1": 40, "SHA224": 56, "SHA256": 64, "SHA384": 96, "SHA512": 128, "MD5": 32}
REL_TYPES = set("""VARIANT_OF COPY_OF PATCH_FOR TEST_DEPENDENCY_OF CONTAINED_BY DATA_FILE_OF
OPTIONAL_COMPONENT_OF ANCESTOR_OF GENERATES CONTAINS OPTIONAL_DEPENDENCY_OF FILE_ADDED
REQUIREMENT_DESCRIPTION_FOR DEV_DEPENDENCY_OF DEPENDENCY_OF BUILD_DEPENDENCY_OF DESCRIBES
PREREQUISITE_FOR HAS_PREREQUISITE PROVIDED_DEPENDENCY_OF DYNAMIC_LINK DESCRIBED_BY METAFILE_OF
DEPENDENCY_MANIFEST_OF PATCH_APPLIED RUNTIME_DEPENDENCY_OF TEST_OF TEST_TOOL_OF DEPENDS_ON
SPECIFICATION_FOR FILE_MODIFIED DISTRIBUTION_ARTIFACT AMENDS DOCUMENTATION_OF GENERATED_FROM
STATIC_LINK OTHER BUILD_TOOL_OF TEST_CASE_OF PACKAGE_OF DESCENDANT_OF FILE_DELETED
EXPANDED_FROM_ARCHIVE DEV_TOOL_OF EXAMPLE_OF""".split())
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
AGENT = re.compile(r"^(Tool|Organization|Person): .+")
ID = re.compile(r"^SPDXRef-[A-Za-z0-9.\-]+$")

def spdx_doc(d):
    assert set(d) <= TOP, "unknown document fields %s" % (set(d) - TOP)
    assert d["spdxVersion"] == "SPDX-2.3" and d["dataLicense"] == "CC0-1.0"
    assert d["SPDXID"] == "SPDXRef-DOCUMENT" and d["name"]
    ns = d["documentNamespace"]
    assert re.match(r"^[a-z][a-z0-9+.\-]*:[^#\s]+$", ns), "documentNamespace %r" % ns
    ci = d["creationInfo"]
    assert DATE.match(ci["created"]), ci
    assert ci["creators"] and all(AGENT.match(c) for c in ci["creators"]), ci
    ids = {"SPDXRef-DOCUMENT"}
    for p in d["packages"]:
        assert set(p) <= PKG, "unknown package fields %s" % (set(p) - PKG)
        assert ID.match(p["SPDXID"]) and p["SPDXID"] not in ids, "SPDXID %r" % p["SPDXID"]
        ids.add(p["SPDXID"])
        assert isinstance(p["name"], str) and p["name"], p
        dl = p["downloadLocation"]
        assert dl in ("NOASSERTION", "NONE") or re.match(r"^[a-z+]+://", dl), dl
        assert isinstance(p.get("filesAnalyzed", False), bool)
        assert p.get("filesAnalyzed") is False or "packageVerificationCode" in p
        assert p.get("primaryPackagePurpose", "OTHER") in PURPOSES, p
        for c in p.get("checksums", []):
            n = CHECKSUMS[c["algorithm"]]
            assert re.match(r"^[0-9a-f]{%d}$" % n, c["checksumValue"]), c
        for r in p.get("externalRefs", []):
            assert r["referenceCategory"] in ("SECURITY", "PACKAGE-MANAGER", "PERSISTENT-ID", "OTHER"), r
            assert r["referenceType"] and r["referenceLocator"] and " " not in r["referenceLocator"], r
            if r["referenceType"] == "purl":
                assert r["referenceCategory"] == "PACKAGE-MANAGER" and r["referenceLocator"].startswith("pkg:"), r
        for a in p.get("annotations", []):
            assert set(a) == {"annotationDate", "annotationType", "annotator", "comment"}, a
            assert DATE.match(a["annotationDate"]) and a["annotationType"] in ("REVIEW", "OTHER"), a
            assert AGENT.match(a["annotator"]) and isinstance(a["comment"], str), a
    described = False
    for r in d["relationships"]:
        assert set(r) <= {"spdxElementId", "relationshipType", "relatedSpdxElement", "comment"}, r
        assert r["relationshipType"] in REL_TYPES, r
        assert r["spdxElementId"] in ids and r["relatedSpdxElement"] in ids | {"NONE", "NOASSERTION"}, r
        described |= r["spdxElementId"] == "SPDXRef-DOCUMENT" and r["relationshipType"] == "DESCRIBES"
    assert described or d.get("documentDescribes"), "the document describes nothing"

def main():
    try:
        if sys.argv[1] == "cdx":
            cdx(sys.argv[2], sys.argv[3:])
        else:
            for path in sys.argv[2:]:
                spdx_doc(json.load(open(path)))
    except Exception as e:
        print("%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""), file=sys.stderr)
        sys.exit(1)

main()
