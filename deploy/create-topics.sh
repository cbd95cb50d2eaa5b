#!/usr/bin/env bash
# Creates the Newsline topics from deploy/topics.txt with Kafka's own kafka-topics.sh.
# Usage: create-topics.sh BOOTSTRAP [REPLICATION_FACTOR] [TOPICS_FILE]
# A REPLICATION_FACTOR below the file's (one broker in compose) also lowers min.insync.replicas to
# at most REPLICATION_FACTOR - 1 (at least 1), so writes with acks=all can still succeed.
set -euo pipefail
bootstrap=$1
replication=${2:-}
topics_file=${3:-$(dirname "$0")/topics.txt}
kafka_topics=${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}
grep -v '^#' "$topics_file" | while read -r name partitions factor configs; do
    [ -n "$name" ] || continue
    factor=${replication:-$factor}
    args=()
    for config in $configs; do
        if [[ $config == min.insync.replicas=* ]]; then
            wanted=${config#min.insync.replicas=}
            limit=$((factor > 1 ? factor - 1 : 1))
            config="min.insync.replicas=$((wanted < limit ? wanted : limit))"
        fi
        args+=(--config "$config")
    done
    "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
        --partitions "$partitions" --replication-factor "$factor" "${args[@]}"
done
