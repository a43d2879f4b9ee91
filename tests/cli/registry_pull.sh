# bulwark image docker://...: images read straight from a real registry (Debian's
# docker-registry on loopback, TLS from a test CA, scripts/registry-lib.sh), pushed with skopeo
# from the image fixtures. The same image from the registry and from its OCI layout gives the
# same findings; trust, digests, credentials and --insecure are each checked both ways.
SUITE=registry-pull
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
. "$ROOT/scripts/registry-lib.sh"
registry_need
trap 'registry_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
export DOCKER_CONFIG=$T/dockercfg XDG_CACHE_HOME=$T/cache
mkdir -p "$DOCKER_CONFIG"
python3 "$ROOT/tests/integration/image_fixtures.py" fx >/dev/null
OCI=oci:$T/fx/oci/leaky:1
all() { for r in "$@"; do [ "$r" = 0 ] || { echo 1; return; }; done; echo 0; }

# Findings as "RULE<TAB>path<TAB>message" with the image's name taken out, sorted.
facts() {
	python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
name = sys.argv[2]
rows = sorted("%s\t%s\t%s" % (f["rule"], (f.get("location") or {}).get("path", ""),
              f["message"].replace("image %s " % name, "image IMG ")) for f in d["findings"])
print("\n".join(rows))
PY
}

registry_start "$T/reg" || { echo "not ok - $SUITE: registry start"; exit 0; }
registry_push "$OCI" app/leaky:1
run image --no-config --no-cache --format json "$OCI"
cp out oci.json
run image --no-config --no-cache --ca "$REG_CA" --format json "docker://$REG/app/leaky:1"
cp out reg.json
check "a registry image: exit 1 for its findings" "$(rc_is 1)"
check "a registry image: the same findings as its OCI layout (rule, path, message)" \
	"$(facts oci.json 1 >a; facts reg.json "docker://$REG/app/leaky:1" >b; [ -s a ] && cmp -s a b; echo $?)"
check "a registry image: every layer read, none failed" \
	"$(python3 -c "import json; d=json.load(open('reg.json')); s=d['summary']; import sys; sys.exit(0 if s['errors']==0 and len(d['findings'])==12 else 1)"; echo $?)"

digest=$(skopeo inspect --cert-dir "$REG_DIR/skopeo-certs" --format '{{.Digest}}' "docker://$REG/app/leaky:1")
run image --no-config --no-cache --ca "$REG_CA" "docker://$REG/app/leaky@$digest"
check "by digest: read, with the same findings" "$(all "$(rc_is 1)" "$(has 'BW-I004')")"
run image --no-config --no-cache --ca "$REG_CA" \
	"docker://$REG/app/leaky@sha256:0000000000000000000000000000000000000000000000000000000000000000"
check "an unknown digest: exit 2 naming the registry's reason" \
	"$(all "$(rc_is 2)" "$(errhas "$REG/app/leaky: manifest sha256:0000")" "$(errhas 'manifest unknown')")"
run image --no-config --no-cache --ca "$REG_CA" "docker://$REG/app/leaky:nope"
check "an unknown tag: exit 2, the tag named" "$(all "$(rc_is 2)" "$(errhas 'manifest nope: HTTP 404')")"
run image --no-config --no-cache --ca "$REG_CA" "docker://$REG/app/Leaky:1"
check "a malformed reference: exit 2, what is wrong said" \
	"$(all "$(rc_is 2)" "$(errhas 'not a repository name')")"

# Trust: the test CA is in no system store.
run image --no-config --no-cache "docker://$REG/app/leaky:1"
check "an untrusted certificate: exit 2, nothing read" \
	"$(all "$(rc_is 2)" "$(errhas "https://$REG/v2/")" "$(errhas 'certificate')" "$(hasnt 'BW-I004')")"
run image --no-config --no-cache --insecure "docker://registry.example.com/app/leaky:1"
check "--insecure for a registry not on this machine: refused before any request" \
	"$(all "$(rc_is 2)" "$(errhas 'allowed only for a registry on this machine')")"
run image --no-config --no-cache --insecure --ca "$REG_CA" "docker://$REG/app/leaky:1"
check "--insecure speaks plain HTTP: a TLS-only registry does not answer it" \
	"$(all "$(rc_is 2)" "$(hasnt 'BW-I004')")"
registry_stop

# Basic authentication: credentials from config.json's auths, or a credential helper.
registry_start "$T/reg2" alice s3cret-pw || { echo "not ok - $SUITE: registry start"; exit 0; }
REG_CREDS=alice:s3cret-pw registry_push "$OCI" app/leaky:1
run image --no-config --no-cache --ca "$REG_CA" "docker://$REG/app/leaky:1"
check "basic auth without credentials: exit 2, says docker login left none" \
	"$(all "$(rc_is 2)" "$(errhas 'asks for basic authentication and docker login has left no credentials')")"
printf '{"auths":{"%s":{"auth":"%s"}}}' "$REG" "$(printf alice:s3cret-pw | base64)" \
	>"$DOCKER_CONFIG/config.json"
run image --no-config --no-cache --ca "$REG_CA" "docker://$REG/app/leaky:1"
check "basic auth with config.json's auths: read" "$(all "$(rc_is 1)" "$(has 'BW-I004')" "$(hasnt 's3cret-pw')")"
printf '{"auths":{"%s":{"auth":"%s"}}}' "$REG" "$(printf alice:wrong | base64)" \
	>"$DOCKER_CONFIG/config.json"
run image --no-config --no-cache --ca "$REG_CA" "docker://$REG/app/leaky:1"
check "wrong credentials: exit 2 with the registry's refusal, the password not shown" \
	"$(all "$(rc_is 2)" "$(errhas "$REG: the registry refused the credentials docker login left for it")" "$(hasnt wrong err)")"
mkdir bin
cat >bin/docker-credential-bwtest <<HELPER
#!/bin/sh
read -r server
[ "\$1" = get ] && [ "\$server" = "$REG" ] || exit 1
printf '{"ServerURL":"%s","Username":"alice","Secret":"s3cret-pw"}' "\$server"
HELPER
chmod +x bin/docker-credential-bwtest
printf '{"auths":{},"credHelpers":{"%s":"bwtest"}}' "$REG" >"$DOCKER_CONFIG/config.json"
PATH=$T/bin:$PATH run image --no-config --no-cache --ca "$REG_CA" "docker://$REG/app/leaky:1"
check "basic auth through a credential helper: read" "$(all "$(rc_is 1)" "$(has 'BW-I004')")"
