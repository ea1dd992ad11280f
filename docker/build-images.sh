#!/usr/bin/env bash
# Builds the Coupling Lab images with no container registry: the JRE base image from Debian
# packages (debootstrap), Kafka and the three services from the jars Maven built, Prometheus from
# Debian's package.
#
#   docker/build-images.sh [--rebuild] [--no-maven] [TARGET...]
#
# TARGET: jre, kafka, prometheus, services, or a service module name (order-service,
# inventory-service, notification-service). Default: all of them. An image that already exists is reused unless
# --rebuild is given. --no-maven fails instead of running Maven when a jar is missing.
#
# Environment: JRE_IMAGE (couplinglab/jre:17), KAFKA_IMAGE (couplinglab/kafka:4.4.0),
# PROMETHEUS_IMAGE (couplinglab/prometheus:2.42), SERVICE_TAG (latest), DEBIAN_MIRROR (default: the mirror apt uses for bookworm),
# DEBIAN_SUITE (bookworm).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JRE_IMAGE=${JRE_IMAGE:-couplinglab/jre:17}
KAFKA_IMAGE=${KAFKA_IMAGE:-couplinglab/kafka:4.4.0}
PROMETHEUS_IMAGE=${PROMETHEUS_IMAGE:-couplinglab/prometheus:2.42}
SERVICE_TAG=${SERVICE_TAG:-latest}
DEBIAN_SUITE=${DEBIAN_SUITE:-bookworm}
SERVICES=(order-service inventory-service notification-service)
declare -A GRPC_PORTS=([order-service]=15051 [inventory-service]=15052 [notification-service]=15053)

REBUILD=0
USE_MAVEN=1
TARGETS=()
STAGE=setup

fail() {
  echo "build-images: FAILED in stage '$STAGE': $*" >&2
  exit 1
}
trap 'fail "command failed (line $LINENO): $BASH_COMMAND"' ERR

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while (($#)); do
  case $1 in
    --rebuild) REBUILD=1 ;;
    --no-maven) USE_MAVEN=0 ;;
    -h | --help) usage; exit 0 ;;
    jre | kafka | prometheus) TARGETS+=("$1") ;;
    services) TARGETS+=("${SERVICES[@]}") ;;
    order-service | inventory-service | notification-service) TARGETS+=("$1") ;;
    *) trap - ERR; fail "unknown argument '$1' (try --help)" ;;
  esac
  shift
done
((${#TARGETS[@]})) || TARGETS=(jre kafka prometheus "${SERVICES[@]}")

wants() {
  local t
  for t in "${TARGETS[@]}"; do [[ $t == "$1" ]] && return 0; done
  return 1
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
image_size() { docker image inspect -f '{{.Size}}' "$1" | awk '{ printf "%.0f MB", $1 / 1e6 }'; }

# Runs one stage: prints its name, its duration and the image it produced.
run_stage() {
  local name=$1 image=$2
  shift 2
  STAGE=$name
  if ((!REBUILD)) && image_exists "$image"; then
    echo "==> $name: $image exists ($(image_size "$image")), reused (--rebuild to build again)"
    return
  fi
  echo "==> $name: building $image"
  local start old
  start=$(now)
  old=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  "$@"
  echo "==> $name: $image built in $(elapsed "$start") ($(image_size "$image"))"
  # Drop the image this one replaced (kept if a container still uses it).
  if [[ -n $old && $old != "$(docker image inspect -f '{{.Id}}' "$image")" ]]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
}

# The Debian mirror apt is configured with, so the base image comes from the same place.
debian_mirror() {
  if [[ -n ${DEBIAN_MIRROR:-} ]]; then
    echo "$DEBIAN_MIRROR"
    return
  fi
  local mirror
  mirror=$(apt-cache policy 2>/dev/null |
    awk -v s="$DEBIAN_SUITE/main" '$3 == s || index($3, s) == 1 { print $2; exit }')
  [[ -n $mirror ]] || mirror=$(apt-cache policy 2>/dev/null |
    awk '$2 ~ /^https?:\/\// && $2 ~ /\/debian$/ { print $2; exit }')
  echo "${mirror:-http://deb.debian.org/debian}"
}

build_jre() {
  [[ $(id -u) == 0 ]] || fail "debootstrap needs root: run as root (or sudo -E $0 jre)"
  if ! command -v debootstrap >/dev/null; then
    echo "    installing debootstrap with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null ||
      { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null; } ||
      fail "could not install debootstrap with apt-get"
  fi
  local mirror work rootfs
  mirror=$(debian_mirror)
  work=$(mktemp -d /var/tmp/couplinglab-rootfs.XXXXXX)
  rootfs=$work/rootfs
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  echo "    debootstrap $DEBIAN_SUITE from $mirror (log: $work/debootstrap.log)"
  if ! debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
    "$DEBIAN_SUITE" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -n 20 "$work/debootstrap.log" >&2
    fail "debootstrap failed (see the lines above)"
  fi
  # Trim what a JRE container never reads.
  rm -rf "$rootfs"/usr/share/{doc,man,info,locale,lintian,linda}/* \
    "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
    "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/root/.cache
  local java_home
  java_home=$(dirname "$(dirname "$(readlink -f "$rootfs/usr/bin/java" | sed "s|^$rootfs||")")")
  [[ -x $rootfs$java_home/bin/java ]] || fail "no java found in the rootfs"
  tar --numeric-owner -C "$rootfs" -c . |
    docker import \
      --change "ENV LANG=C.UTF-8" \
      --change "ENV JAVA_HOME=$java_home" \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' \
      --message "debootstrap $DEBIAN_SUITE minbase + openjdk-17-jre-headless from $mirror" \
      - "$JRE_IMAGE" >/dev/null
  # Read it whole: `| head -n 1` may close the pipe while java still writes, and pipefail then
  # fails the build on a working image.
  local version
  version=$(docker run --rm "$JRE_IMAGE" java -version 2>&1)
  echo "    ${version%%$'\n'*}"
}

# The classic builder (no buildx here); its output goes to a log shown only on failure.
docker_build() {
  local log
  log=$(mktemp /tmp/couplinglab-build.XXXXXX)
  if ! DOCKER_BUILDKIT=0 docker build "$@" "$ROOT" >"$log" 2>&1; then
    grep -v -e DEPRECATED -e 'legacy builder' -e BuildKit -e '^ *environment-variable' "$log" |
      tail -n 25 >&2
    rm -f "$log"
    fail "docker build $* failed (output above)"
  fi
  grep -m1 'Sending build context' "$log" | sed 's/^/    /' || true
  rm -f "$log"
}

build_kafka() {
  docker_build -f "$ROOT/docker/kafka/Dockerfile" --build-arg "BASE_IMAGE=$JRE_IMAGE" \
    -t "$KAFKA_IMAGE"
}

# Debian's prometheus package, unpacked on the host (apt-get download: no registry, no network in
# the build), its two binaries copied onto the JRE image's Debian (they need only libc).
build_prometheus() {
  local work
  work=$(mktemp -d /var/tmp/couplinglab-prometheus.XXXXXX)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  (cd "$work" && apt-get download -q prometheus >/dev/null 2>&1) ||
    (apt-get update -q >/dev/null && cd "$work" && apt-get download -q prometheus >/dev/null) ||
    fail "could not download Debian's prometheus package with apt-get"
  dpkg-deb -x "$work"/prometheus_*.deb "$work/root"
  cp "$work/root/usr/bin/prometheus" "$work/root/usr/bin/promtool" "$ROOT/docker/prometheus/Dockerfile" "$work/"
  local log
  log=$(mktemp /tmp/couplinglab-build.XXXXXX)
  if ! DOCKER_BUILDKIT=0 docker build --build-arg "BASE_IMAGE=$JRE_IMAGE" -t "$PROMETHEUS_IMAGE" \
    "$work" >"$log" 2>&1; then
    tail -n 25 "$log" >&2
    rm -f "$log"
    fail "docker build of $PROMETHEUS_IMAGE failed (output above)"
  fi
  rm -f "$log"
  local version
  version=$(docker run --rm "$PROMETHEUS_IMAGE" --version 2>&1)
  echo "    ${version%%$'\n'*}"
}

build_service() {
  local svc=$1
  docker_build -f "$ROOT/docker/service/Dockerfile" --build-arg "BASE_IMAGE=$JRE_IMAGE" \
    --build-arg "SERVICE=$svc" --build-arg "GRPC_PORT=${GRPC_PORTS[$svc]}" \
    -t "couplinglab/$svc:$SERVICE_TAG"
}

# The jars each wanted image copies; Maven builds them (once, whole reactor) if one is missing.
needed_jars() {
  wants kafka && echo "local-kafka/target/local-kafka.jar"
  local svc
  for svc in "${SERVICES[@]}"; do
    wants "$svc" && echo "$svc/target/$svc.jar"
  done
  return 0
}

ensure_jars() {
  STAGE=jars
  local missing=() jar
  while read -r jar; do
    [[ -z $jar ]] && continue
    [[ -f $ROOT/$jar && -d $ROOT/$(dirname "$jar")/lib ]] || missing+=("$jar")
  done < <(needed_jars)
  ((${#missing[@]})) || return 0
  ((USE_MAVEN)) || fail "missing ${missing[*]} and --no-maven was given"
  echo "==> jars: missing ${missing[*]}: ./mvnw -B -q package -DskipTests"
  local start
  start=$(now)
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests) || fail "Maven build failed"
  for jar in "${missing[@]}"; do
    [[ -f $ROOT/$jar ]] || fail "Maven did not produce $jar"
  done
  echo "==> jars: built in $(elapsed "$start")"
}

main() {
  command -v docker >/dev/null || fail "no docker client on PATH"
  docker info >/dev/null 2>&1 || fail "the Docker engine does not answer (is dockerd running?)"
  local start
  start=$(now)
  ensure_jars
  # Kafka and the services are built FROM the JRE image: make sure it exists.
  if wants jre || ! image_exists "$JRE_IMAGE"; then
    run_stage jre "$JRE_IMAGE" build_jre
  fi
  if wants kafka; then run_stage kafka "$KAFKA_IMAGE" build_kafka; fi
  if wants prometheus; then run_stage prometheus "$PROMETHEUS_IMAGE" build_prometheus; fi
  local svc
  for svc in "${SERVICES[@]}"; do
    if wants "$svc"; then run_stage "$svc" "couplinglab/$svc:$SERVICE_TAG" build_service "$svc"; fi
  done
  STAGE=done
  echo "==> all done in $(elapsed "$start")"
}

main
