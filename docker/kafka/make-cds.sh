#!/usr/bin/env bash
# Image build step: records AppCDS archives (the classes Kafka loads at start-up) by formatting and
# starting a throw-away single node once. Start-up then maps the classes instead of parsing jars
# (the field notes measured 5.5 s -> 4.0 s to first produce). Best effort: without the archives
# run.sh starts Kafka the ordinary way.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/server.properties" <<PROPS
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:9092
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:9093
log.dirs=$work/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
log.cleaner.dedupe.buffer.size=8388608
PROPS
cp=/opt/kafka/libs/*
log=(-Dlogback.configurationFile=/opt/kafka/logback.xml -DKAFKA_LOG4J_ROOT_LOGLEVEL=WARN)
java -XX:ArchiveClassesAtExit=/opt/kafka/storage.jsa -Xmx128m -XX:TieredStopAtLevel=1 "${log[@]}" \
  -cp "$cp" kafka.tools.StorageTool format --standalone -t 5L6g3nShT-eMCtK--X86sw \
  -c "$work/server.properties" >/dev/null
java -XX:ArchiveClassesAtExit=/opt/kafka/kafka.jsa -Xmx256m "${log[@]}" \
  -cp "$cp" kafka.Kafka "$work/server.properties" &
pid=$!
for _ in $(seq 1 120); do
  /opt/kafka/bin/kafka-ready.sh 9092 2>/dev/null && break
  sleep 0.5
done
/opt/kafka/bin/kafka-ready.sh 9092
kill -TERM "$pid"
wait "$pid" || true
ls -l /opt/kafka/*.jsa
