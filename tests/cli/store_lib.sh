# The fleet store suites' backend under test (store.sh, fleet_inv.sh, fleet_html.sh), sourced
# after scripts/pg-lib.sh. KIND is sqlite or postgresql; T the suite's scratch directory.
# q QUERY: rows as "a|b|c" lines from the store named by KIND and DB (a SQLite path, or a
# PostgreSQL database).
q() {
	if [ "$KIND" = sqlite ]; then
		python3 -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
for r in c.execute(sys.argv[2]): print('|'.join('' if v is None else str(v) for v in r))
c.commit()" "$DB" "$1"
	else
		psql_q "$DB" "$1" 2>>err
	fi
}
url_of() { # NAME: a fresh store's URL, DB set to it
	if [ "$KIND" = sqlite ]; then DB=$T/$1.db; URL=sqlite:$DB
	else DB=$1; psql_q postgres "CREATE DATABASE $1" >/dev/null
	     URL="host=$PG/sock user=postgres dbname=$1"; fi
}
