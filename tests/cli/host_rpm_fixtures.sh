#!/bin/sh
# Writes the rpm host trees under tests/fixtures/BW-H045 and BW-H046 (run from the top of the
# repository when the generator changes; the result is committed): four packages built by
# rpmbuild and installed by rpm --justdb into an rpmdb.sqlite (kept with its Packages table
# only, to stay small), and dnf 4 caches written by tests/cli/host_rpm_gen.py.
set -eu
TOP=$(pwd)
GEN=$TOP/tests/cli/host_rpm_gen.py
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/SPECS" "$W/db"
spec() { # NAME VERSION RELEASE ARCH [EPOCH]
	{ printf 'Name: %s\n' "$1"; [ -z "${5:-}" ] || printf 'Epoch: %s\n' "$5"
	  printf 'Version: %s\nRelease: %s\nSummary: t\nLicense: MIT\nBuildArch: %s\n' "$2" "$3" "$4"
	  printf '%%description\nt\n%%files\n'; } >"$W/SPECS/$1.spec"
	rpmbuild -bb --define "_topdir $W" "$W/SPECS/$1.spec" >/dev/null 2>&1
}
spec bw-openssl 3.0.7 25.fc39 x86_64
spec bw-tzdata 2023c 2.fc39 noarch
spec bw-bash 5.2.15 5.fc39 x86_64 1
spec bw-zlib 1.2.13 4.fc39 x86_64
rpm --define '_db_backend sqlite' --dbpath "$W/db" --initdb
rpm --define '_db_backend sqlite' --dbpath "$W/db" -i --justdb --nodeps \
	$(find "$W/RPMS" -name '*.rpm' | sort) >/dev/null 2>&1
root() { # DIR: a fresh tree with the database
	rm -rf "$1"
	mkdir -p "$1/root/var/lib/rpm"
	python3 "$GEN" --rpmdb "$W/db/rpmdb.sqlite" "$1/root/var/lib/rpm/rpmdb.sqlite"
}
fedora() { # ROOT: the release repository, what is installed and older
	python3 "$GEN" "$1/var/cache/dnf/fedora-0123456789abcdef" \
		--pkg "bw-openssl x86_64 0 3.0.7 25.fc39" --pkg "bw-zlib x86_64 0 1.2.13 4.fc39" \
		--pkg "bw-bash x86_64 0 5.3 1.fc39" --pkg "bw-tzdata noarch 0 2023c 1.fc39" \
		--sec "bw-openssl x86_64 0 3.0.7 25.fc39"
}
F=tests/fixtures
# A security update (an advisory for 3.0.8, the candidate 1:3.0.9 in another repository, xz),
# an other one (noarch), an other architecture's higher zlib ignored.
for d in $F/BW-H045/fires-rpm-security $F/BW-H046/fires-rpm-updates; do
	root "$d"
	fedora "$d/root"
	python3 "$GEN" "$d/root/var/cache/dnf/updates-fedcba9876543210" --comp xz \
		--pkg "bw-openssl x86_64 1 3.0.9 1.fc39" --pkg "bw-zlib i686 0 1.2.14 1.fc39" \
		--pkg "bw-tzdata noarch 0 2024a 1.fc39" --sec "bw-openssl x86_64 0 3.0.8 1.fc39" \
		--sec "bw-zlib i686 0 1.2.14 1.fc39" --fix "bw-tzdata noarch 0 2024a 1.fc39"
done
printf 'BW-H045 0\n' >$F/BW-H045/fires-rpm-security/expected
printf 'BW-H046 0\n' >$F/BW-H046/fires-rpm-updates/expected
# Nothing pending: equal and lower versions (bash's epoch 1 outranks 0:5.3), a security
# advisory and a higher version for i686 only, an advisory above every offered version.
for d in $F/BW-H045/passes-rpm-none-pending $F/BW-H046/passes-rpm-none-pending; do
	root "$d"
	fedora "$d/root"
	python3 "$GEN" "$d/root/var/cache/dnf/updates-fedcba9876543210" --comp bz2 \
		--pkg "bw-zlib i686 0 1.2.14 1.fc39" --pkg "bw-openssl x86_64 0 3.0.7 24.fc39" \
		--sec "bw-zlib i686 0 1.2.14 1.fc39" --sec "bw-openssl x86_64 0 3.0.8 1.fc39"
	: >"$d/expected"
done
# A security update only: BW-H046 passes.
d=$F/BW-H046/passes-rpm-security-only
root "$d"
python3 "$GEN" "$d/root/var/cache/dnf/updates-fedcba9876543210" --comp none \
	--pkg "bw-openssl x86_64 0 3.0.7 26.fc39" --sec "bw-openssl x86_64 0 3.0.7 26.fc39"
: >"$d/expected"
