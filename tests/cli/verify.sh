# bulwark verify: cosign signatures of images in a real registry (Debian's docker-registry on
# loopback with a test CA, scripts/registry-lib.sh; images pushed with skopeo). The signatures
# are written here in cosign's layout (a simple-signing payload layer, its base64 signature in
# an annotation, under the tag sha256-<hex>.sig), signed by keys OpenSSL makes; each verdict
# is asserted exactly.
SUITE=verify
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
. "$ROOT/scripts/registry-lib.sh"
registry_need
trap 'registry_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
export DOCKER_CONFIG=$T/dockercfg
mkdir -p "$DOCKER_CONFIG"
all() { for r in "$@"; do [ "$r" = 0 ] || { echo 1; return; }; done; echo 0; }
python3 "$ROOT/tests/integration/image_fixtures.py" fx >/dev/null

for k in a b; do
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $k.key 2>/dev/null
	openssl pkey -in $k.key -pubout -out $k.pub
done
fp_a=sha256:$(openssl pkey -pubin -in a.pub -outform DER | sha256sum | cut -c1-64)

sha() { echo "sha256:$(sha256sum "$1" | cut -c1-64)"; }
# upload NAME FILE: the file as a blob of repository NAME (POST, then PUT to the Location).
upload() {
	loc=$(curl -s --max-time 10 --cacert "$REG_CA" -X POST -o /dev/null -D - \
		"https://$REG/v2/$1/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
	case $loc in /*) loc=https://$REG$loc ;; esac
	case $loc in *\?*) sep='&' ;; *) sep='?' ;; esac
	curl -s -f --max-time 10 --cacert "$REG_CA" -X PUT -H 'Content-Type: application/octet-stream' \
		--data-binary "@$2" "$loc${sep}digest=$(sha "$2")" -o /dev/null
}
# sign NAME IMAGE-DIGEST PAYLOAD KEY: the payload signed with KEY, stored as NAME's signature
# of IMAGE-DIGEST, the way cosign stores it.
sign() {
	sig=$(openssl dgst -sha256 -sign "$4" "$3" | base64 -w0)
	printf '{"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
		"$(sha "$3")" >sigcfg.json
	upload "$1" "$3" && upload "$1" sigcfg.json || return 1
	printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",'\
'"config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":%s,"digest":"%s"},'\
'"layers":[{"mediaType":"application/vnd.dev.cosign.simplesigning.v1+json","size":%s,'\
'"digest":"%s","annotations":{"dev.cosignproject.cosign/signature":"%s"}}]}' \
		"$(wc -c <sigcfg.json)" "$(sha sigcfg.json)" "$(wc -c <"$3")" "$(sha "$3")" "$sig" >sigman.json
	curl -s -f --max-time 10 --cacert "$REG_CA" -X PUT \
		-H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary @sigman.json \
		"https://$REG/v2/$1/manifests/sha256-${2#sha256:}.sig" -o /dev/null
}
payload() { # REFERENCE DIGEST
	printf '{"critical":{"identity":{"docker-reference":"%s"},"image":{"docker-manifest-digest":"%s"},"type":"cosign container image signature"},"optional":null}' "$1" "$2"
}

registry_start "$T/reg" || { echo "not ok - $SUITE: registry start"; exit 0; }
registry_push "oci:$T/fx/oci/leaky:1" app/a:1 && registry_push "docker-archive:$T/fx/docker/clean.tar" app/b:1 ||
	{ echo "not ok - $SUITE: skopeo push"; exit 0; }
digest() { skopeo inspect --cert-dir "$REG_DIR/skopeo-certs" --format '{{.Digest}}' "docker://$REG/$1"; }
DA=$(digest app/a:1) DB=$(digest app/b:1)
A=$REG/app/a:1 B=$REG/app/b:1
check "the two images differ" "$([ -n "$DA" ] && [ -n "$DB" ] && [ "$DA" != "$DB" ]; echo $?)"
payload "$REG/app/a" "$DA" >pa.json
sign app/a "$DA" pa.json a.key
check "A's signature stored under sha256-HEX.sig" "$?"

V() { run verify --no-config --ca "$REG_CA" "$@"; }
V --key a.pub "$A"
check "A signed by a: verified, exit 0, no finding" \
	"$(all "$(rc_is 0)" "$(err_is "verified: $A ($DA) by a.pub ($fp_a)")" "$(hasnt BW-T001)")"
V --key a.pub "docker://$A"
check "a docker:// reference verifies the same" "$(all "$(rc_is 0)" "$(errhas "verified: docker://$A ($DA) by a.pub")")"
V --key a.pub "$REG/app/a@$DA"
check "A by digest: verified" "$(all "$(rc_is 0)" "$(errhas "verified: $REG/app/a@$DA ($DA) by a.pub")")"
V --key b.pub --key a.pub "$A"
check "one of two keys verifies: verified by that one" "$(all "$(rc_is 0)" "$(errhas " by a.pub ($fp_a)")")"
V --key a.pub --identity "$REG/app/a" "$A"
check "--identity naming the payload's reference: verified" "$(rc_is 0)"

V --key a.pub "$B"
check "B unsigned: exit 1, verdict unsigned" \
	"$(all "$(rc_is 1)" "$(has "BW-T001")" "$(has "image $B: unsigned: the registry holds no signature tag for it")")"
V --key b.pub "$A"
check "A with the wrong key: bad signature" \
	"$(all "$(rc_is 1)" "$(has "image $A: bad signature: no signature of 1 verifies under the key given")")"
V --key a.pub --identity "$REG/app/other" "$A"
check "--identity naming another reference: identity mismatch" \
	"$(all "$(rc_is 1)" "$(has "image $A: identity mismatch: a valid signature names the reference \"$REG/app/a\", not \"$REG/app/other\"")")"

# A's signature replayed: copied as it is onto B's .sig tag.
sign app/b "$DB" pa.json a.key
V --key a.pub "$B"
check "B carrying A's signature (replay): digest mismatch" \
	"$(all "$(rc_is 1)" "$(has "image $B: digest mismatch: a valid signature names the manifest $DA, not this image's $DB")")"

V --key a.pub --format json "$A" "$B"
check "JSON: one BW-T001 finding, for B, target kind image with its digest" \
	"$(all "$(rc_is 1)" "$(py "[(f['rule'], f['target']['kind'], f['target']['name'], f['target']['id'], f['severity']) for f in d['findings']] == [('BW-T001', 'image', '$B', '$DB', 'high')] and d['findings'][0]['message'] == 'image $B: digest mismatch: a valid signature names the manifest $DA, not this image\\'s $DB' and d['summary']['failed'] is True and d['summary']['inputs'] == 2")")"
V --key a.pub --format sarif "$B"
check "SARIF: the finding's ruleId is BW-T001" \
	"$(all "$(rc_is 1)" "$(py "[r['ruleId'] for r in d['runs'][0]['results']] == ['BW-T001']")")"

# Usage and input errors: exit 2, no registry asked.
run verify "$A"
check "no --key: usage error, exit 2" "$(all "$(rc_is 2)" "$(errhas 'verify needs --key FILE')")"
run verify --key a.pub
check "no IMAGE: usage error, exit 2" "$(all "$(rc_is 2)" "$(errhas 'verify needs at least one IMAGE')")"
echo 'not a key' >junk.pub
V --key junk.pub "$A"
check "a key file holding no key: exit 2 naming it" \
	"$(all "$(rc_is 2)" "$(err_is "bulwark: junk.pub: no PEM public key (\"-----BEGIN PUBLIC KEY-----\") in it")")"
V --key missing.pub "$A"
check "a missing key file: exit 2 naming it" "$(all "$(rc_is 2)" "$(errhas "missing.pub: cannot read the key")")"
V --key a.pub "$REG/App/A:1"
check "a malformed reference: exit 2" "$(all "$(rc_is 2)" "$(errhas 'not a repository name')")"
V --key a.pub --insecure "registry.example.com/app/a:1"
check "--insecure for a registry not on this machine: exit 2, refused before any request" \
	"$(all "$(rc_is 2)" "$(errhas "registry.example.com: --insecure (plain HTTP) is allowed only")")"

registry_stop
V --key a.pub "$A"
check "the registry gone: unreachable, exit 1" \
	"$(all "$(rc_is 1)" "$(has "image $A: unreachable: https://$REG/v2/")")"
