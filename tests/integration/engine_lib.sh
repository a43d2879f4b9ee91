# A private Docker engine for tests: data root, exec root and socket under a temp dir, no bridge,
# no iptables, no forwarding. Source this file; call engine_start, then engine_stop (also on EXIT).
# Sets ENGINE_DIR, ENGINE_SOCK, DOCKER (the docker CLI bound to that engine) and IMAGE (a
# busybox-static image imported into it).

engine_start() {
	ENGINE_DIR=$(mktemp -d /tmp/bulwark-engine.XXXXXX)
	ENGINE_SOCK=$ENGINE_DIR/api.sock   # not named docker.sock: rules must know it from the daemon
	DOCKER="docker -H unix://$ENGINE_SOCK"
	IMAGE=bulwark-test/busybox:1
	dockerd --data-root "$ENGINE_DIR/data" --exec-root "$ENGINE_DIR/exec" \
		--pidfile "$ENGINE_DIR/dockerd.pid" -H "unix://$ENGINE_SOCK" \
		--bridge=none --iptables=false --ip-forward=false --ip-masq=false \
		--storage-driver=vfs >"$ENGINE_DIR/dockerd.log" 2>&1 &
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
	if [ -n "${DOCKER:-}" ] && [ -S "$ENGINE_SOCK" ]; then
		ids=$($DOCKER ps -aq 2>/dev/null)
		[ -n "$ids" ] && $DOCKER rm -f $ids >/dev/null 2>&1
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
