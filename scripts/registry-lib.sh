# A private registry for tests: Debian's docker-registry on loopback, behind TLS from a test CA
# made here, optionally with basic authentication (htpasswd). Source it, then:
#   registry_start DIR [USER PASS]   sets REG (127.0.0.1:PORT), REG_CA (the CA's PEM), REG_DIR
#   registry_stop
# Images are pushed with skopeo (registry_push SRC NAME:TAG). Every wait is bounded.
registry_start() {
	REG_DIR=$1
	mkdir -p "$REG_DIR/data" "$REG_DIR/certs"
	local c=$REG_DIR/certs
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
		-subj /CN=bulwark-test-ca -keyout "$c/ca.key" -out "$c/ca.pem" 2>/dev/null &&
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
		-keyout "$c/server.key" -out "$c/server.csr" 2>/dev/null &&
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$c/ext" &&
	openssl x509 -req -in "$c/server.csr" -CA "$c/ca.pem" -CAkey "$c/ca.key" \
		-CAcreateserial -days 2 -extfile "$c/ext" -out "$c/server.pem" 2>/dev/null || return 1
	REG_CA=$c/ca.pem
	local port
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	REG=127.0.0.1:$port
	{
		printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n'
		printf '    rootdirectory: %s/data\n  delete:\n    enabled: %s\n' "$REG_DIR" "${REG_DELETE:-false}"
		printf 'http:\n  addr: %s\n  tls:\n    certificate: %s\n    key: %s\n' "$REG" \
			"$c/server.pem" "$c/server.key"
		if [ -n "${2:-}" ]; then
			htpasswd -Bbn "$2" "$3" >"$REG_DIR/htpasswd" 2>/dev/null || return 1
			printf 'auth:\n  htpasswd:\n    realm: bulwark-test\n    path: %s\n' "$REG_DIR/htpasswd"
		fi
	} >"$REG_DIR/config.yml"
	docker-registry serve "$REG_DIR/config.yml" >"$REG_DIR/log" 2>&1 &
	REG_PID=$!
	local i
	for i in $(seq 1 100); do
		curl -s -o /dev/null --max-time 1 --cacert "$REG_CA" "https://$REG/v2/" && return 0
		kill -0 "$REG_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "registry did not start: $(tail -3 "$REG_DIR/log")" >&2
	return 1
}

registry_stop() {
	[ -n "${REG_PID:-}" ] && kill "$REG_PID" 2>/dev/null && wait "$REG_PID" 2>/dev/null
	REG_PID=
}

# SRC: a skopeo source (oci:DIR:REF, docker-archive:PATH); creds "user:pass" in REG_CREDS.
registry_push() {
	mkdir -p "$REG_DIR/skopeo-certs" && cp "$REG_CA" "$REG_DIR/skopeo-certs/ca.crt"
	skopeo copy --quiet --insecure-policy --dest-cert-dir "$REG_DIR/skopeo-certs" \
		${REG_CREDS:+--dest-creds "$REG_CREDS"} "$1" "docker://$REG/$2"
}

# registry_need: ends the suite ($SUITE; not ok, exit 0 as before) unless docker-registry and
# skopeo are here.
registry_need() {
	if ! command -v docker-registry >/dev/null || ! command -v skopeo >/dev/null; then
		echo "not ok - $SUITE: docker-registry and skopeo are needed (scripts/install-deps)"
		exit 0
	fi
}
