#!/usr/bin/env bash
# Creates the Newsline topics from deploy/topics.txt with Kafka's own kafka-topics.sh.
# Usage: create-topics.sh BOOTSTRAP [REPLICATION_FACTOR] [TOPICS_FILE]
set -euo pipefail
bootstrap=$1
replication=${2:-}
topics_file=${3:-$(dirname "$0")/topics.txt}
kafka_topics=${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}
grep -v '^#' "$topics_file" | while read -r name partitions factor configs; do
    [ -n "$name" ] || continue
    args=()
    for config in $configs; do args+=(--config "$config"); done
    "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
        --partitions "$partitions" --replication-factor "${replication:-$factor}" "${args[@]}"
done
