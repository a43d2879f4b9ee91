# A private PostgreSQL for the tests and benchmarks: initdb and pg_ctl from Debian's packages,
# trust authentication, listening only on a unix socket in a temp dir (no TCP). As root, the
# server runs as the postgres user. Source this file; call pg_start (false when the server
# cannot be started), then pg_stop (also on EXIT). Sets PG (the temp dir), PGBIN, PG_SOCK, and
# psql_q DB QUERY (rows as unaligned text).

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {
	PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -x "$PGBIN/initdb" ] || return 1
	PG=$(mktemp -d /tmp/bulwark-pg.XXXXXX)
	PG_SOCK=$PG/sock
	chmod 755 "$PG"
	mkdir "$PG_SOCK"
	[ "$(id -u)" = 0 ] && chown -R postgres "$PG"
	as_pg "$PGBIN/initdb" -D "$PG/data" -A trust -U postgres >"$PG/initdb.log" 2>&1 || return 1
	as_pg "$PGBIN/pg_ctl" -D "$PG/data" -l "$PG/log" -w -t 60 \
		-o "-k $PG_SOCK -c listen_addresses= -c max_connections=120 -c fsync=off" \
		start >/dev/null 2>&1
}

pg_stop() {
	[ -n "${PG:-}" ] || return 0
	as_pg "$PGBIN/pg_ctl" -D "$PG/data" -m immediate -w -t 30 stop >/dev/null 2>&1
	rm -rf "$PG"
	PG=
}

psql_q() {
	"$PGBIN/psql" -h "$PG_SOCK" -U postgres -d "$1" -X -At -v ON_ERROR_STOP=1 -c "$2"
}
