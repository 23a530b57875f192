#!/usr/bin/env bash
# What the search index costs replies (issue 15: indexing may not lower reply_rps by more than 10 %).
# bench/reply-indexing.sh [ROUNDS], after bench/run.sh large (or small: BENCH_SIZE=small).
# Copies the data set once into target/bench/data-<size>-noindex and removes the message's search column and its
# GIN index there, the words of each conversation and their triggers (and the function that reads them), then
# alternates the reply load of bench/run.sh on the two copies, ROUNDS times each (3 by default), a fresh start of the
# packaged application each time. Prints each round's reply_rps and the median of each side.
set -euo pipefail
ROUNDS="${1:-3}"
SIZE="${BENCH_SIZE:-large}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/target/bench"
WITH="$OUT/data-$SIZE"
WITHOUT="$OUT/data-$SIZE-noindex"
PORT="${BENCH_PORT:-18081}"
BASE="http://127.0.0.1:$PORT"
JAR="$OUT/app/$(basename "$(ls "$ROOT"/target/messages-*.jar | head -1)")"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$WITH/bench-token" ] || { echo "run bench/run.sh $SIZE first" >&2; exit 1; }
TOKEN="$(cat "$WITH/bench-token")"
APP_PID=""
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; }
trap cleanup EXIT

APP_LOG="$OUT/reply-indexing-app.log"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
start_app() { # data directory
  "$JAVA_BIN" -Xmx256m $GC_OPTS -XX:SharedArchiveFile="$OUT/app/messages.jsa" -jar "$JAR" --server.port="$PORT" \
    --messages.data-dir="$1" --messages.demo-data=false --messages.embedded-smtp.port=0 --messages.public-url="$BASE" \
    --messages.security.second-factor=none --logging.level.root=WARN --logging.level.fr.portail.messages.platform=INFO \
    >"$APP_LOG" 2>&1 &
  APP_PID=$!
  wait_ready
}

if [ ! -d "$WITHOUT" ]; then
  echo "== copying the data set without the search index"
  cp -a "$WITH" "$WITHOUT"
  start_app "$WITHOUT"
  sql -c "drop trigger conversation_words_on_message on message; drop trigger conversation_words_on_changed_text on message;
          drop table conversation_words; drop function conversations_containing(tsquery);
          alter table message drop column search" >/dev/null
  stop_app
fi

replies() { # data directory; prints req/s
  start_app "$1"
  sql -c "select md5('bench-reply' || r)::uuid from generate_series(1, 20) r" >"$OUT/reply-indexing-ids.txt"
  export BENCH_TOKEN="$TOKEN" BENCH_REPLY_IDS="$OUT/reply-indexing-ids.txt"
  wrk -t2 -c8 -d8s -s "$ROOT/bench/reply.lua" "$BASE" >/dev/null
  wrk -t2 -c8 -d20s -s "$ROOT/bench/reply.lua" "$BASE" | awk '/Requests\/sec/ { print $2 }'
  stop_app
}

WITH_RPS=(); WITHOUT_RPS=()
for round in $(seq 1 "$ROUNDS"); do
  a=$(replies "$WITH"); b=$(replies "$WITHOUT")
  WITH_RPS+=("$a"); WITHOUT_RPS+=("$b")
  echo "round $round: with the search index $a req/s, without $b req/s"
done
python3 - "${WITH_RPS[*]}" "${WITHOUT_RPS[*]}" <<'PY'
import statistics, sys
with_index = statistics.median(map(float, sys.argv[1].split()))
without = statistics.median(map(float, sys.argv[2].split()))
print(f"median reply_rps: with {with_index:.1f}, without {without:.1f}: "
      f"indexing costs {100 * (without - with_index) / without:.1f} %")
PY
