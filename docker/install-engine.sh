#!/usr/bin/env bash
# Makes a Debian bookworm machine (as root) ready for the compose cluster and the system tests:
# the Docker engine (docker.io), a running dockerd, and Compose v2 as a CLI plugin. Installs only
# what is missing; safe to run again.
#
# Compose v2 is not packaged for bookworm: it comes from Debian trixie's docker-compose package (a
# static binary), fetched with apt from the mirror this machine already uses.
set -Eeuo pipefail

log() { printf 'install-engine: %s\n' "$*"; }
fail() { printf 'install-engine: FAILED: %s\n' "$*" >&2; exit 1; }

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (log: /var/log/dockerd.log)"
  setsid nohup dockerd >/var/log/dockerd.log 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || fail "dockerd did not answer within 60 s (see /var/log/dockerd.log)"
fi

if ! docker compose version >/dev/null 2>&1; then
  log "installing Compose v2 from Debian trixie's docker-compose package"
  mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
  mirror=${mirror:-http://deb.debian.org/debian}
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
  # Signed by the Debian archive key that bookworm already trusts.
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" \
    >"$tmp/sources.list"
  apt_opts=(-o "Dir::Etc::sourcelist=$tmp/sources.list" -o "Dir::Etc::sourceparts=/nonexistent"
    -o "Dir::State::lists=$tmp/lists" -o "Dir::Cache=$tmp/cache" -o "APT::Sandbox::User=root")
  apt-get "${apt_opts[@]}" update -qq
  (cd "$tmp" && apt-get "${apt_opts[@]}" download docker-compose >/dev/null)
  dpkg-deb -x "$tmp"/docker-compose_*.deb "$tmp/x"
  install -D -m 0755 "$tmp/x/usr/libexec/docker/cli-plugins/docker-compose" \
    /usr/local/lib/docker/cli-plugins/docker-compose
  docker compose version >/dev/null 2>&1 || fail "docker compose does not run after installing"
fi

log "$(docker version --format 'engine {{.Server.Version}}'), $(docker compose version)"
