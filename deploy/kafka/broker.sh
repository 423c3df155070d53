#!/usr/bin/env bash
# Local single-node Kafka (KRaft) from Maven Central jars.
#   broker.sh start   fetch jars once, format storage once, start, wait until it answers, print bootstrap
#   broker.sh stop    stop it
#   broker.sh status  print bootstrap and exit 0 if it answers, else exit 1
#   broker.sh fetch   only fetch the jars (make install)
# KAFKA_PORT (9092) and KAFKA_CONTROLLER_PORT (port + 1) pick the listeners; several can run side by side.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${EVENT_WORKER_CACHE_DIR:-$root/.cache/kafka}
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-$((port + 1))}
python=${PYTHON:-$root/.venv/bin/python}
libs=$cache/libs
data=$cache/data-$port
pidfile=$cache/broker-$port.pid
logfile=$cache/broker-$port.log
props=$cache/server-$port.properties
bootstrap=127.0.0.1:$port

answers() {
  "$python" - "$bootstrap" <<'PY' >/dev/null 2>&1
import sys
from kafka import KafkaAdminClient
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], request_timeout_ms=5000, bootstrap_timeout_ms=5000)
admin.list_topics()
admin.close()
PY
}

running_pid() {
  [[ -f $pidfile ]] || return 1
  local pid
  pid=$(<"$pidfile")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch_libs() {
  [[ -f $libs/.complete ]] && return 0
  echo "fetching Kafka broker jars from Maven Central into $libs" >&2
  rm -rf "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -Dkafka.libs.dir="$libs" >&2
  touch "$libs/.complete"
}

start() {
  if running_pid >/dev/null && answers; then
    echo "$bootstrap"
    return 0
  fi
  if answers; then
    echo "a broker already answers on $bootstrap (not started by this script); using it" >&2
    echo "$bootstrap"
    return 0
  fi
  command -v java >/dev/null || { echo "java not found: run 'make install'" >&2; exit 1; }
  fetch_libs
  mkdir -p "$cache"
  sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@DATA_DIR@|$data|g" \
    "$here/server.properties.template" >"$props"
  if [[ ! -f $data/meta.properties ]]; then
    # The cluster id must be 22 base64url characters (a UUID); a fixed one keeps the storage reusable.
    java -cp "$libs/*" kafka.tools.StorageTool format -t "EvWkLocalCluster0000AA" -c "$props" >&2
  fi
  echo "starting Kafka on $bootstrap (log: $logfile)" >&2
  nohup java -Xms256m -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.properties" \
    -cp "$libs/*" kafka.Kafka "$props" >"$logfile" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    if answers; then
      echo "$bootstrap"
      return 0
    fi
    if ! running_pid >/dev/null; then
      echo "Kafka exited during start-up; last log lines:" >&2
      tail -n 30 "$logfile" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "Kafka did not answer on $bootstrap within 60 s; see $logfile" >&2
  exit 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    echo "no broker started by this script on port $port" >&2
    rm -f "$pidfile"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "stopped Kafka on $bootstrap" >&2; return 0; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  echo "Kafka did not stop in 30 s; killed" >&2
}

case ${1:-start} in
  start) start ;;
  fetch) fetch_libs ;;
  stop) stop ;;
  status) answers && echo "$bootstrap" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
