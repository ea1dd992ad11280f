#!/usr/bin/env bash
# Readiness probe: exits 0 when the broker on localhost:${1:-9092} answers a Kafka ApiVersions
# request. A broker only processes requests once it has caught up with the metadata quorum and
# been unfenced, so this says more than "the port is open", and it costs no JVM start.
# Needs only bash, timeout, head, od, tr: the same one-liner works in the apache/kafka image
# (see the kafka healthcheck in docker-compose.yml).
port=${1:-9092}
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || { echo "port $port closed" >&2; exit 1; }
# size=12 | api_key=18 (ApiVersions) | api_version=0 | correlation_id=1 | client_id="hc"
printf '\x00\x00\x00\x0c\x00\x12\x00\x00\x00\x00\x00\x01\x00\x02hc' >&3
# Response: size(4) correlation_id(4) error_code(2): expect correlation 1 and error 0.
reply=$(timeout 3 head -c 10 <&3 | od -An -tx1 | tr -d ' \n')
[[ $reply =~ ^[0-9a-f]{8}000000010000$ ]] && exit 0
echo "no ApiVersions answer on port $port (got '${reply}')" >&2
exit 1
