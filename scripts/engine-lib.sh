# A private Docker engine for the tests and `make run`'s demo: data root, exec root and socket
# under a temp dir, no bridge, no iptables, no forwarding. Source this file; call engine_start,
# then engine_stop (also on EXIT). ENGINE_FLAGS: extra dockerd flags; ENGINE_IMAGE: the name to
# import busybox as. Sets ENGINE_DIR, ENGINE_SOCK, DOCKER (the docker CLI bound to that engine)
# and IMAGE (a busybox-static image imported into it).

engine_start() {
	ENGINE_DIR=$(mktemp -d /tmp/bulwark-engine.XXXXXX)
	ENGINE_SOCK=$ENGINE_DIR/api.sock   # not named docker.sock: rules must know it from the daemon
	DOCKER="docker -H unix://$ENGINE_SOCK"
	IMAGE=${ENGINE_IMAGE:-bulwark-test/busybox:1}
	tls=
	if [ "${ENGINE_TLS:-0}" = 1 ]; then
		engine_certs || return 1
		ENGINE_TCP=tcp://127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
		tls="-H $ENGINE_TCP --tlsverify --tlscacert $ENGINE_CERTS/ca.pem --tlscert $ENGINE_CERTS/server.pem --tlskey $ENGINE_CERTS/server-key.pem"
	fi
	dockerd --data-root "$ENGINE_DIR/data" --exec-root "$ENGINE_DIR/exec" \
		--pidfile "$ENGINE_DIR/dockerd.pid" -H "unix://$ENGINE_SOCK" $tls \
		--bridge=none --iptables=false --ip-forward=false --ip-masq=false \
		--storage-driver=vfs ${ENGINE_FLAGS:-} >"$ENGINE_DIR/dockerd.log" 2>&1 &
	ENGINE_PID=$!
	i=0
	# bounded: 30 s at most
	while [ $i -lt 150 ] && ! $DOCKER version >/dev/null 2>&1; do
		kill -0 "$ENGINE_PID" 2>/dev/null || break
		sleep 0.2; i=$((i + 1))
	done
	if ! $DOCKER version >/dev/null 2>&1; then
		echo "engine did not start; its log:" >&2
		tail -20 "$ENGINE_DIR/dockerd.log" >&2
		return 1
	fi
	engine_image
}

# A CA, a server certificate for 127.0.0.1 and client certificates (CN alice; CN bob in
# bob-cert.pem/bob-key.pem; CN carol in carol-cert.pem/carol-key.pem), in
# $ENGINE_CERTS with the file names the docker CLI expects (ca.pem, cert.pem, key.pem).
engine_certs() {
	ENGINE_CERTS=$ENGINE_DIR/certs
	mkdir -p "$ENGINE_CERTS" && cd "$ENGINE_CERTS" || return 1
	k="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
	openssl req -x509 $k -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=bulwark-test-ca \
		2>/dev/null &&
	openssl req $k -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1 2>/dev/null &&
	printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext &&
	openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
		-out server.pem -days 2 -extfile server.ext 2>/dev/null &&
	openssl req $k -keyout key.pem -out client.csr -subj /CN=alice 2>/dev/null &&
	printf 'extendedKeyUsage=clientAuth\n' >client.ext &&
	openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
		-out cert.pem -days 2 -extfile client.ext 2>/dev/null &&
	openssl req $k -keyout bob-key.pem -out bob.csr -subj /CN=bob 2>/dev/null &&
	openssl x509 -req -in bob.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
		-out bob-cert.pem -days 2 -extfile client.ext 2>/dev/null &&
	openssl req $k -keyout carol-key.pem -out carol.csr -subj /CN=carol 2>/dev/null &&
	openssl x509 -req -in carol.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
		-out carol-cert.pem -days 2 -extfile client.ext 2>/dev/null
	rc=$?
	cd - >/dev/null
	return $rc
}

# A root filesystem of one static busybox and its applets, imported as $IMAGE.
engine_image() {
	r=$ENGINE_DIR/rootfs
	mkdir -p "$r/bin" "$r/usr/sbin" "$r/tmp" "$r/etc"
	cp "$(command -v busybox)" "$r/bin/busybox"
	for a in sh sleep true false cat ls ps id; do ln -sf busybox "$r/bin/$a"; done
	# A stand-in SSH server: the kernel names a script's process after the script.
	printf '#!/bin/sh\nsleep 600\n' >"$r/usr/sbin/sshd"
	chmod 755 "$r/usr/sbin/sshd"
	echo 'root:x:0:0:root:/:/bin/sh' >"$r/etc/passwd"
	echo 'app:x:1000:1000:app:/:/bin/sh' >>"$r/etc/passwd"
	tar -C "$r" -c . | $DOCKER import - "$IMAGE" >/dev/null
}

engine_stop() {
	[ -n "${ENGINE_DIR:-}" ] || return 0
	# bounded: an engine whose authorization plugin is gone retries the plugin for a minute
	if [ -n "${DOCKER:-}" ] && [ -S "$ENGINE_SOCK" ]; then
		ids=$(timeout 10 $DOCKER ps -aq 2>/dev/null)
		[ -n "$ids" ] && timeout 30 $DOCKER rm -f $ids >/dev/null 2>&1
	fi
	if [ -n "${ENGINE_PID:-}" ]; then
		kill "$ENGINE_PID" 2>/dev/null
		i=0
		while [ $i -lt 100 ] && kill -0 "$ENGINE_PID" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$ENGINE_PID" 2>/dev/null
	fi
	# containerd-shims outlive a killed daemon; they live under our exec root
	for p in $(pgrep -f "$ENGINE_DIR" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
	umount -R "$ENGINE_DIR/exec" 2>/dev/null
	umount -R "$ENGINE_DIR/data" 2>/dev/null
	rm -rf "$ENGINE_DIR"
	ENGINE_DIR=
}

# engine_need NAME: ends the suite (not ok, exit 1) unless it can start an engine here: root
# (dockerd, and reading other processes' /proc) and dockerd itself.
engine_need() {
	if [ "$(id -u)" != 0 ] || ! command -v dockerd >/dev/null; then
		echo "not ok - $1: needs root and dockerd (scripts/install-deps installs docker.io)"
		exit 1
	fi
}
