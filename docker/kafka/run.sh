#!/usr/bin/env bash
# Starts one Kafka KRaft node, configured like the official apache/kafka image:
#  - every KAFKA_* environment variable becomes a server.properties entry: drop KAFKA_,
#    lowercase, then '___' -> '-', '__' -> '_', '_' -> '.' (KAFKA_NODE_ID -> node.id,
#    KAFKA_LISTENER_NAME_CONTROLLER___X -> listener.name.controller-x); JVM/launcher variables
#    (KAFKA_HEAP_OPTS, KAFKA_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS, ...) are not;
#  - with no KAFKA_* property at all, a single combined node on localhost:9092 (like apache/kafka);
#  - KAFKA_LISTENERS defaults to KAFKA_ADVERTISED_LISTENERS with the hosts replaced by 0.0.0.0;
#  - CLUSTER_ID names the cluster (required when KAFKA_CONTROLLER_QUORUM_VOTERS is set, every
#    node must share it); storage is formatted once, then kept.
# Our additions: log.dirs defaults to /var/lib/kafka/data, log.cleaner.dedupe.buffer.size to
# 8 MiB, and the heap to KAFKA_HEAP_OPTS=-Xmx256m.
set -euo pipefail

CONFIG_DIR=${KAFKA_CONFIG_DIR:-/opt/kafka/config}
PROPS=$CONFIG_DIR/server.properties
DEFAULT_CLUSTER_ID=5L6g3nShT-eMCtK--X86sw

die() {
  echo "kafka run.sh: $*" >&2
  exit 1
}

# Environment variables that configure the launcher or the JVM, never the broker.
is_launcher_var() {
  case $1 in
    KAFKA_VERSION | KAFKA_HOME | KAFKA_CONFIG_DIR | KAFKA_HEAP_OPT | KAFKA_HEAP_OPTS | KAFKA_OPTS | \
      KAFKA_LOG4J_OPTS | KAFKA_JMX_OPTS | KAFKA_JMX_PORT | KAFKA_JMX_HOSTNAME | \
      KAFKA_JVM_PERFORMANCE_OPTS | KAFKA_GC_LOG_OPTS | KAFKA_LOG4J_ROOT_LOGLEVEL | \
      KAFKA_LOG4J_LOGGERS | KAFKA_TOOLS_LOG4J_LOGLEVEL) return 0 ;;
  esac
  return 1
}

# KAFKA_FOO__BAR___BAZ_QUX -> foo_bar-baz.qux
property_name() {
  local name=${1#KAFKA_}
  name=${name,,}
  name=${name//___/$'\x01'}
  name=${name//__/$'\x02'}
  name=${name//_/.}
  name=${name//$'\x01'/-}
  name=${name//$'\x02'/_}
  echo "$name"
}

render_properties() {
  local var
  declare -A props=()
  while IFS= read -r var; do
    is_launcher_var "$var" && continue
    [[ -n ${!var} ]] || continue
    props[$(property_name "$var")]=${!var}
  done < <(compgen -e | grep '^KAFKA_' || true)

  if ((${#props[@]} == 0)); then
    echo "No KAFKA_* configuration given: one combined broker+controller on localhost:9092"
    props=(
      [node.id]=1
      [process.roles]=broker,controller
      [listeners]=PLAINTEXT://:9092,CONTROLLER://:9093
      [advertised.listeners]=PLAINTEXT://localhost:9092
      [controller.listener.names]=CONTROLLER
      [listener.security.protocol.map]=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
      [controller.quorum.bootstrap.servers]=localhost:9093
      [offsets.topic.replication.factor]=1
      [transaction.state.log.replication.factor]=1
      [transaction.state.log.min.isr]=1
      [share.coordinator.state.topic.replication.factor]=1
      [share.coordinator.state.topic.min.isr]=1
      [group.initial.rebalance.delay.ms]=0
    )
  fi
  if [[ -z ${props[listeners]-} && ${props[process.roles]-} != controller &&
    -n ${props[advertised.listeners]-} ]]; then
    props[listeners]=$(sed -e 's|://[^:]*:|://0.0.0.0:|g' <<<"${props[advertised.listeners]}")
  fi
  [[ -n ${props[log.dirs]-} || -n ${props[log.dir]-} ]] || props[log.dirs]=/var/lib/kafka/data
  [[ -n ${props[log.cleaner.dedupe.buffer.size]-} ]] || props[log.cleaner.dedupe.buffer.size]=8388608

  local key
  {
    echo "# written by /opt/kafka/bin/run.sh from the environment at $(date -u +%FT%TZ)"
    for key in $(printf '%s\n' "${!props[@]}" | sort); do
      printf '%s=%s\n' "$key" "${props[$key]}"
    done
  } >"$PROPS"
  VOTERS=${props[controller.quorum.voters]-}
  ROLES=${props[process.roles]-}
  BOOTSTRAP_CONTROLLERS=${props[controller.quorum.bootstrap.servers]-}
  local dirs=${props[log.dirs]-${props[log.dir]-}}
  FIRST_LOG_DIR=${dirs%%,*}
}

# Uses the AppCDS archive make-cds.sh recorded at image build time, if there is one.
cds_option() {
  [[ -f $1 ]] && echo "-XX:SharedArchiveFile=$1 -Xlog:cds=off -Xlog:cds+dynamic=off"
  return 0
}

# Formats the log directories once; --ignore-formatted keeps the data of a restarted node.
format_storage() {
  if [[ -f $FIRST_LOG_DIR/meta.properties ]]; then
    echo "===> $FIRST_LOG_DIR is formatted already: keeping its data"
    return
  fi
  local args=(format -t "$CLUSTER_ID" -c "$PROPS" --ignore-formatted)
  if [[ -z $VOTERS && $ROLES == *controller* && -n $BOOTSTRAP_CONTROLLERS ]]; then
    # A dynamic quorum is bootstrapped by one standalone controller (KIP-853).
    args+=(--standalone)
  fi
  java $(cds_option /opt/kafka/storage.jsa) -Xmx128m -XX:TieredStopAtLevel=1 -Dlogback.configurationFile=/opt/kafka/logback.xml \
    -DKAFKA_LOG4J_ROOT_LOGLEVEL=WARN -cp '/opt/kafka/libs/*' kafka.tools.StorageTool "${args[@]}" ||
    die "formatting the storage failed"
}

mkdir -p "$CONFIG_DIR"
render_properties
if [[ -n $VOTERS && -z ${CLUSTER_ID-} ]]; then
  die "CLUSTER_ID is required with KAFKA_CONTROLLER_QUORUM_VOTERS (the same on every node)"
fi
CLUSTER_ID=${CLUSTER_ID:-$DEFAULT_CLUSTER_ID}
if [[ -n $ROLES ]]; then
  echo "===> Using cluster id $CLUSTER_ID"
  format_storage
fi

echo "===> Starting Kafka with $PROPS:"
grep -v '^#' "$PROPS" | sed 's/^/     /'
# shellcheck disable=SC2086  # the *_OPTS variables hold several JVM options
exec java $(cds_option /opt/kafka/kafka.jsa) ${KAFKA_HEAP_OPTS:--Xmx256m -Xms256m} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true} \
  ${KAFKA_GC_LOG_OPTS-} ${KAFKA_JMX_OPTS-} \
  ${KAFKA_LOG4J_OPTS:--Dlogback.configurationFile=/opt/kafka/logback.xml} \
  ${KAFKA_OPTS-} \
  -cp '/opt/kafka/libs/*' kafka.Kafka "$PROPS"
