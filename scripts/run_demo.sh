#!/usr/bin/env bash
# `make run`: the seed article through a real broker and the worker, then its event records, readably.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
seed_published_at=${SEED_PUBLISHED_AT:-2025-04-30}
export EVENT_WORKER_METRICS_HOST=${EVENT_WORKER_METRICS_HOST:-127.0.0.1}
export EVENT_WORKER_METRICS_PORT=${EVENT_WORKER_METRICS_PORT:-9108}
export EVENT_WORKER_LOG_FORMAT=${EVENT_WORKER_LOG_FORMAT:-console}

if [[ -z ${EVENT_WORKER_BOOTSTRAP_SERVERS:-} ]]; then
  EVENT_WORKER_BOOTSTRAP_SERVERS=$(deploy/kafka/broker.sh start)
  export EVENT_WORKER_BOOTSTRAP_SERVERS
fi
echo "== broker: $EVENT_WORKER_BOOTSTRAP_SERVERS"
$bin/event-worker create-topics --partitions 6
echo "== publishing seeds/ (published_at $seed_published_at)"
$bin/event-worker produce --published-at "$seed_published_at" seeds/*.txt
metrics_url="http://$EVENT_WORKER_METRICS_HOST:$EVENT_WORKER_METRICS_PORT/metrics"
echo "== running the worker until it is idle; metrics at $metrics_url"
$bin/event-worker run --exit-when-idle 5
echo "== event records of the seeds"
for seed in seeds/*.txt; do
  $bin/event-worker show --article-id "$(basename "$seed" .txt)" --idle 3
done
echo "== metrics were served at $metrics_url while the worker ran (see the README for each series)"
