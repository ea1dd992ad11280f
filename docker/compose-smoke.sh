#!/usr/bin/env bash
# Smoke test of the compose cluster with the offline images: up, every container healthy, one
# order of each style CONFIRMED, Prometheus's count of each style's orders from the services'
# /metrics, down -v. Needs the jars (./mvnw package) and the base images
# (docker/build-images.sh jre kafka); builds the service images from the current jars.
set -Eeuo pipefail
cd "$(dirname "$0")/.."

export KAFKA_IMAGE=${KAFKA_IMAGE:-couplinglab/kafka:4.4.0}
export BASE_IMAGE=${BASE_IMAGE:-couplinglab/jre:17}
export PROMETHEUS_IMAGE=${PROMETHEUS_IMAGE:-couplinglab/prometheus:2.42}
HEALTHY_BOUND=${HEALTHY_BOUND:-180}

cleanup() { docker compose down -v --remove-orphans >/dev/null 2>&1 || true; }
trap cleanup EXIT

bash docker/build-images.sh --rebuild --no-maven services

started=$(date +%s)
docker compose up -d
expected=$(docker compose config --services | wc -l)
until [ "$(docker compose ps --format '{{.Health}}' | grep -c '^healthy$')" -eq "$expected" ]; do
  if (($(date +%s) - started > HEALTHY_BOUND)); then
    docker compose ps
    echo "compose-smoke: FAILED: not every container healthy within ${HEALTHY_BOUND} s" >&2
    exit 1
  fi
  sleep 2
done
echo "compose-smoke: $expected containers healthy in $(($(date +%s) - started)) s"
docker compose ps

sync=$(bin/lab order --target localhost:15051 --style sync --sku SKU-BREAD --qty 1)
echo "$sync"
grep -q ' sync CONFIRMED ' <<<"$sync" || { echo "compose-smoke: FAILED: sync order" >&2; exit 1; }
async=$(bin/lab order --target localhost:15051 --style async --sku SKU-BREAD --qty 1 --wait)
echo "$async"
grep -q ' async CONFIRMED ' <<<"$async" || { echo "compose-smoke: FAILED: async order" >&2; exit 1; }
# The real Prometheus scraped order-service: its per-style answer counter holds the two orders.
query='sum by (style) (couplinglab_order_answer_seconds_count{code="OK"})'
for _ in $(seq 1 30); do
  counts=$(docker compose exec -T prometheus promtool query instant http://127.0.0.1:9090 "$query" 2>&1 || true)
  if grep -q 'style="sync"} => 1 ' <<<"$counts" && grep -q 'style="async"} => 1 ' <<<"$counts"; then
    break
  fi
  sleep 2
done
echo "$counts"
grep -q 'style="sync"} => 1 ' <<<"$counts" && grep -q 'style="async"} => 1 ' <<<"$counts" ||
  { echo "compose-smoke: FAILED: Prometheus does not count one order of each style" >&2; exit 1; }
echo "compose-smoke: passed"
