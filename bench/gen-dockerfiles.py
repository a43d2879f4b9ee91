#!/usr/bin/env python3
"""Write N varied, valid Dockerfiles (seeded, so runs are comparable) into DIR."""
import os, random, sys

BASES = ["ubuntu:22.04", "debian:bookworm-slim", "alpine:3.20", "python:3.12-slim", "node:20",
         "golang:1.22 AS build", "nginx:latest", "redis", "eclipse-temurin:21-jre",
         "gcr.io/distroless/static@sha256:" + "ab" * 32, "${BASE_IMAGE}", "scratch"]
RUNS = [
    "apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 ca-certificates \\\n    && rm -rf /var/lib/apt/lists/*",
    "apt-get update\nRUN apt-get install -y git vim",
    "apk add --no-cache bash=5.2.26-r0 curl",
    "apk update && apk add openssh-server",
    "pip install --no-cache-dir -r requirements.txt",
    "pip install flask requests==2.32.3",
    "npm ci && npm run build",
    "npm install -g typescript",
    "curl -fsSL https://example.invalid/install.sh | sh",
    "wget -qO- https://example.invalid/x.tgz | tar xz -C /opt",
    "cd /src && make && make install",
    "useradd -r -u 10001 app && chown -R app /app",
    "chmod 755 /entrypoint.sh",
    "set -eux; \\\n    addgroup -S app; \\\n    adduser -S app -G app",
    "--mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends build-essential",
    "<<EOF\nset -e\necho building\nmake -j4\nEOF",
    "go build -o /out/app ./cmd/app",
    "gem install bundler:2.5.0",
    "yum install -y httpd && yum clean all",
    "sudo apt-get install -y nano",
]
MISC = ["WORKDIR /app", "WORKDIR app", "COPY . .", "COPY --chown=app:app src/ /app/src/",
        "ADD https://example.invalid/file.tar.gz /tmp/", "ADD config.json /etc/app/",
        "ENV PATH=/app/bin:$PATH LANG=C.UTF-8", "ENV DB_PASSWORD=hunter2",
        "ARG VERSION=1.0", "LABEL org.opencontainers.image.source=\"https://example.invalid\"",
        "EXPOSE 8080", "EXPOSE 22", "VOLUME /data", "MAINTAINER someone@example.invalid",
        "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]", "STOPSIGNAL SIGTERM"]
TAILS = ["USER app", "USER root", "USER 10001:10001", "",
         "HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1", "HEALTHCHECK NONE",
         'CMD ["/app/server", "--port", "8080"]', "CMD /app/server --port 8080",
         'ENTRYPOINT ["/entrypoint.sh"]']

def one(rng):
    out = ["# syntax=docker/dockerfile:1"] if rng.random() < 0.3 else []
    if rng.random() < 0.2:
        out.append("ARG BASE_IMAGE=alpine:3.20")
    stages = 1 + (rng.random() < 0.3)
    for s in range(stages):
        base = rng.choice(BASES)
        if base == "${BASE_IMAGE}" and "ARG BASE_IMAGE=alpine:3.20" not in out:
            base = "alpine:3.19"
        out.append("FROM " + base)
        for _ in range(rng.randint(2, 9)):
            if rng.random() < 0.55:
                out.append("RUN " + rng.choice(RUNS))
            else:
                out.append(rng.choice(MISC))
        if s == stages - 1 and stages > 1 and "AS build" in "\n".join(out):
            out.append("COPY --from=build /out/app /usr/local/bin/app")
    for t in rng.sample(TAILS, rng.randint(1, 3)):
        if t:
            out.append(t)
    return "\n".join(out) + "\n"

def main():
    n, d = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261123)
    os.makedirs(d, exist_ok=True)
    for i in range(n):
        with open(os.path.join(d, "f%05d.Dockerfile" % i), "w") as f:
            f.write(one(rng))

main()
