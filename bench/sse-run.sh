#!/usr/bin/env bash
# The event-stream phase of bench/run.sh alone, for issue 16: bench/sse-run.sh [STREAMS] [HEAP]
# Generates the small data set once (kept in target/bench-sse/data), starts the packaged application with -Xmx HEAP
# (256m by default), holds STREAMS (2,000) streams of GET /events and reads the heap after a full GC on each side, with
# the class histograms of both sides (target/bench-sse/histo-*.txt), then measures the fan-out to 200 streams.
# SSE_HEAP_DUMP=1 also writes heap dumps of both sides (bench/array-sizes.py compares their arrays);
# SSE_JFR=1 records the closing of the held streams and the fan-out (target/bench-sse/fanout.jfr).
# SSE_APP_OPTS adds options to the application's command line; SSE_JAR runs another build (e.g. main's, for a before/after).
set -euo pipefail
STREAMS="${1:-2000}"
HEAP="${2:-256m}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/target/bench-sse"
DATA="$OUT/data"
PORT="${BENCH_PORT:-18090}"
BASE="http://127.0.0.1:$PORT"
ADMIN_PW="Bench-Password-2026"
mkdir -p "$OUT"
JAR="${SSE_JAR:-$(ls "$ROOT"/target/messages-*.jar | head -1)}"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
APP_PID=""
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; }
trap cleanup EXIT
APP_LOG="$OUT/app.log"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
start_app() {
  "$JAVA_BIN" -Xmx"$HEAP" $GC_OPTS -XX:NativeMemoryTracking=summary -jar "$JAR" ${SSE_APP_OPTS:-} --server.port="$PORT" --messages.data-dir="$DATA" --messages.demo-data=false \
    --messages.embedded-smtp.port=0 --messages.public-url="$BASE" \
    --messages.bootstrap-admin.email=bench-admin@bench.example --messages.bootstrap-admin.password="$ADMIN_PW" \
    --messages.security.second-factor=none \
    --logging.level.root=WARN --logging.level.fr.portail.messages.platform=INFO >"$APP_LOG" 2>&1 &
  APP_PID=$!
  wait_ready
}
TOKEN_FILE="$OUT/token"
start_app
if [ ! -f "$TOKEN_FILE" ]; then
  TOKEN="msg_benchmark-token-$(date +%s)"
  PW_HASH="$(sql -c "select password_hash from person where email = 'bench-admin@bench.example'")"
  sql -v scale=0.1 -v pw="$PW_HASH" -f "$ROOT/bench/generate.sql" >/dev/null
  sql -v token="$TOKEN" -f "$ROOT/bench/fixtures.sql" >/dev/null
  sql -c "vacuum analyze" >/dev/null
  echo "$TOKEN" >"$TOKEN_FILE"
fi
TOKEN="$(cat "$TOKEN_FILE")"
COLLAB_COOKIE="MESSAGES_SESSION=$(login collab1@bench.example)"
CLIENT_EMAIL="$(sql -c "select p.email from person p join favourite f on f.person_id = p.id join participant pa on pa.person_id = p.id where p.kind = 'CLIENT' group by p.email order by count(*) desc limit 1")"
CLIENT_COOKIE="MESSAGES_SESSION=$(login "$CLIENT_EMAIL")"
CLIENT1_COOKIE="MESSAGES_SESSION=$(login client1@bench.example)"
LONG_ID="$(sql -c "select md5('bench-long')::uuid")"
# Warm-up: a few streams and replies, so that the classes and caches are loaded before the "before" side.
python3 "$ROOT/bench/sse.py" fanout 10 "$PORT" "$LONG_ID" "$TOKEN" "$COLLAB_COOKIE" "$CLIENT1_COOKIE" >/dev/null

ulimit -n 16384 2>/dev/null || true
jcmd "$APP_PID" GC.run >/dev/null; sleep 1
jcmd "$APP_PID" GC.class_histogram >"$OUT/histo-before.txt"
[ -n "${SSE_HEAP_DUMP:-}" ] && rm -f "$OUT/before.hprof" && jcmd "$APP_PID" GC.heap_dump "$OUT/before.hprof" >/dev/null
BEFORE=$(heap_used_kb)
RSS_BEFORE=$(awk '/VmRSS/ { print $2 }' /proc/"$APP_PID"/status)
jcmd "$APP_PID" VM.native_memory summary >"$OUT/nmt-before.txt"
FIFO="$OUT/hold.fifo"; rm -f "$FIFO"; mkfifo "$FIFO"
python3 "$ROOT/bench/sse.py" hold "$STREAMS" "$PORT" "$COLLAB_COOKIE" "$CLIENT_COOKIE" <"$FIFO" >"$OUT/hold.txt" &
HOLD_PID=$!
exec 7>"$FIFO"
for _ in $(seq 1 900); do grep -q '^open' "$OUT/hold.txt" && break; kill -0 "$HOLD_PID" 2>/dev/null || break; sleep 0.1; done
sleep 2; jcmd "$APP_PID" GC.run >/dev/null; sleep 1
jcmd "$APP_PID" GC.class_histogram >"$OUT/histo-open.txt"
[ -n "${SSE_HEAP_DUMP:-}" ] && rm -f "$OUT/open.hprof" && jcmd "$APP_PID" GC.heap_dump "$OUT/open.hprof" >/dev/null
OPEN=$(heap_used_kb)
RSS_OPEN=$(awk '/VmRSS/ { print $2 }' /proc/"$APP_PID"/status)
jcmd "$APP_PID" VM.native_memory summary >"$OUT/nmt-open.txt"
jcmd "$APP_PID" Thread.print >"$OUT/threads-open.txt"
[ -n "${SSE_JFR:-}" ] && jcmd "$APP_PID" JFR.start name=sse settings=profile filename="$OUT/fanout.jfr" >/dev/null
exec 7>&-; wait "$HOLD_PID" || true; rm -f "$FIFO"
echo "$(cat "$OUT/hold.txt") streams at -Xmx$HEAP: heap $((BEFORE / 1024)) MB -> $((OPEN / 1024)) MB," \
  "$(( (OPEN - BEFORE) / STREAMS )) KB per stream; resident $((RSS_BEFORE / 1024)) MB -> $((RSS_OPEN / 1024)) MB"
python3 "$ROOT/bench/sse.py" fanout 200 "$PORT" "$LONG_ID" "$TOKEN" "$COLLAB_COOKIE" "$CLIENT1_COOKIE" >"$OUT/fanout.json"
echo "fan-out: $(cat "$OUT/fanout.json")"
[ -n "${SSE_JFR:-}" ] && jcmd "$APP_PID" JFR.stop name=sse >/dev/null
true
