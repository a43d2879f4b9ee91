#!/bin/bash
# Builds a corpus of real Dockerfiles for bench/lint-real.sh from git clones of official-image
# repositories: every Dockerfile at HEAD, plus up to PER_REPO distinct earlier versions (since
# 2022) of them, each named <repo>-<blob>.Dockerfile. Templates ({{ ... }}) are left out.
# The measured corpus came from these 22 clones (2002 files, 9.2 MB, median 110 lines):
#   docker-library/{buildpack-deps,docker,drupal,ghost,golang,haproxy,httpd,julia,memcached,
#   mongo,mysql,openjdk,php,postgres,python,rabbitmq,redis,ruby,tomcat,wordpress},
#   nginxinc/docker-nginx, nodejs/docker-node
#   e.g. for r in docker-library/python ...; do git clone --bare https://github.com/$r; done
# usage: bench/lint-corpus.sh OUTDIR GITDIR...      (PER_REPO=70)
set -eu
out=$1; shift
per=${PER_REPO:-70}
mkdir -p "$out"
is_df='(^|/)Dockerfile(\.[a-z]+)?$'
for g in "$@"; do
	r=$(basename "$g" .git)   # a clone's name, or the parent of a mirror's "repo" directory
	[ "$r" = repo ] && r=$(basename "$(dirname "$g")")
	head=$(git --git-dir="$g" ls-tree -r HEAD | awk -v re="$is_df" '$2 == "blob" && $4 ~ re { print $3 }' | sort -u)
	hist=$(git --git-dir="$g" log --since=2022-01-01 --format= --raw --no-abbrev --no-renames HEAD |
		awk -v re="$is_df" '$5 != "D" && $6 ~ re { print $4 }' | sort -u |
		grep -vxF -e "${head:-none}" | head -n "$per" || true)
	for b in $head $hist; do
		f="$out/$r-$b.Dockerfile"
		git --git-dir="$g" cat-file -p "$b" >"$f"
		if grep -q '{{' "$f"; then rm "$f"; fi   # a template under a plain name
	done
done
ls "$out" | wc -l
