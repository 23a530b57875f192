#!/usr/bin/env bash
# Benchmark of Messages at firm scale: bench/run.sh [small|large]
# Starts the packaged application on a fresh embedded PostgreSQL, generates the data set in SQL, drives load with wrk
# (closed loop: throughput) and hey (open loop at half that throughput: latency as people feel it) from a second
# process on loopback, and writes a table plus target/bench/results.json. See docs/performance.md.
# BENCH_JFR=1 also records the inbox and conversation loads with Java Flight Recorder and writes their top frames to
# target/bench/profile-*.txt (bench/top-frames.py).
set -euo pipefail

SIZE="${1:-small}"
case "$SIZE" in
  small) SCALE=0.1; DURATION=10s ;;
  large) SCALE=1; DURATION=20s ;;
  *) echo "usage: bench/run.sh [small|large]" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/target/bench"
DATA="$OUT/data-$SIZE"
PORT="${BENCH_PORT:-18080}"
BASE="http://127.0.0.1:$PORT"
ADMIN_PW="Bench-Password-2026"
TOKEN="msg_benchmark-token-$(date +%s)"
CONCURRENCY=8

need() { command -v "$1" >/dev/null 2>&1 || { echo "Installing $2"; apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need hey hey
need psql postgresql-client
need python3 python3

mkdir -p "$OUT"
JAR="$(ls "$ROOT"/target/messages-*.jar 2>/dev/null | head -1 || true)"
if [ -z "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package)
  JAR="$(ls "$ROOT"/target/messages-*.jar | head -1)"
fi
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Class Data Sharing, as in the README's production command and the Dockerfile: the jar extracted, one training start
# that writes the archive of the classes it loaded, then every start maps that archive.
APP_DIR="$OUT/app"
rm -rf "$APP_DIR" "$OUT/cds-training"
"$JAVA_BIN" -Djarmode=tools -jar "$JAR" extract --destination "$APP_DIR" >/dev/null
JAR="$APP_DIR/$(basename "$JAR")"
echo "== training start for Class Data Sharing"
"$JAVA_BIN" -Xmx256m -XX:ArchiveClassesAtExit="$APP_DIR/messages.jsa" -Dspring.context.exit=onRefresh -jar "$JAR" \
  --messages.data-dir="$OUT/cds-training" --messages.demo-data=false --messages.embedded-smtp.port=0 \
  --server.port=0 >"$OUT/cds-training.log" 2>&1
rm -rf "$OUT/cds-training"
CDS_OPTS="-XX:SharedArchiveFile=$APP_DIR/messages.jsa"

rm -rf "$DATA"
APP_PID=""
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; }
trap cleanup EXIT

start_app() {
  "$JAVA_BIN" -Xmx"${APP_HEAP:-256m}" $CDS_OPTS -jar "$JAR" --server.port="$PORT" --messages.data-dir="$DATA" --messages.demo-data=false \
    --messages.embedded-smtp.port=0 --messages.public-url="$BASE" \
    --messages.bootstrap-admin.email=bench-admin@bench.example --messages.bootstrap-admin.password="$ADMIN_PW" \
    --messages.security.second-factor=none \
    --logging.level.root=WARN --logging.level.fr.portail.messages.platform=INFO >"$OUT/app-$SIZE.log" 2>&1 &
  APP_PID=$!
}
wait_ready() {
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$BASE/login" && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "the application stopped; see $OUT/app-$SIZE.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "the application did not start" >&2; exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
pg_port() { grep -oE "Embedded PostgreSQL started on port [0-9]+" "$OUT/app-$SIZE.log" | tail -1 | grep -oE "[0-9]+$"; }
sql() { psql -X -q -t -A -h 127.0.0.1 -p "$(pg_port)" -U postgres -d messages "$@"; }

echo "== $SIZE: first start (creates the database)"
start_app; wait_ready
sql -c "alter system set shared_preload_libraries = 'pg_stat_statements'" >/dev/null
PW_HASH="$(sql -c "select password_hash from person where email = 'bench-admin@bench.example'")"

echo "== generating the data set in SQL (scale $SCALE)"
GEN_START=$(date +%s.%N)
sql -v scale="$SCALE" -v pw="$PW_HASH" -f "$ROOT/bench/generate.sql" >/dev/null
sql -v token="$TOKEN" -f "$ROOT/bench/fixtures.sql" >/dev/null
# As autovacuum would have left a database that old: statistics, and the visibility map that index-only scans need.
sql -c "vacuum analyze" >/dev/null
GEN_S=$(python3 -c "print(round($(date +%s.%N) - $GEN_START, 1))")
echo "   generated in ${GEN_S}s: $(sql -c "select count(*) from conversation") conversations, $(sql -c "select count(*) from message") messages"
stop_app

echo "== cold start"
START=$(date +%s.%N)
start_app; wait_ready
STARTUP_S=$(python3 -c "print(round($(date +%s.%N) - $START, 2))")
sql -c "create extension if not exists pg_stat_statements" >/dev/null

login() {
  local jar csrf
  jar="$(mktemp)"
  csrf="$(curl -s -c "$jar" -b "$jar" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')"
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=$1" --data-urlencode "password=$ADMIN_PW" \
    --data-urlencode "_csrf=$csrf" "$BASE/login"
  awk '$6 == "MESSAGES_SESSION" { print $7 }' "$jar"
  rm -f "$jar"
}
COLLAB_COOKIE="MESSAGES_SESSION=$(login collab1@bench.example)"
# A redirect (to the login page or the second step) would be measured as a fast page: make sure it is the inbox.
INBOX_STATUS="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COLLAB_COOKIE" "$BASE/")"
[ "$INBOX_STATUS" = 200 ] || { echo "the collaborator's inbox answered $INBOX_STATUS, not 200" >&2; exit 1; }
CLIENT_EMAIL="$(sql -c "select p.email from person p join favourite f on f.person_id = p.id join participant pa on pa.person_id = p.id where p.kind = 'CLIENT' group by p.email order by count(*) desc limit 1")"
CLIENT_COOKIE="MESSAGES_SESSION=$(login "$CLIENT_EMAIL")"
LONG_ID="$(sql -c "select md5('bench-long')::uuid")"
sql -c "select md5('bench-reply' || r)::uuid from generate_series(1, 20) r" >"$OUT/reply-ids.txt"

# Cursor of page 20 of the heaviest collaborator's inbox, following the keyset.
CURSOR=""
for _ in $(seq 1 19); do
  CURSOR="$(curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/conversations${CURSOR:+?cursor=$CURSOR}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["nextCursor"])')"
done

statements() { # the fewest SQL queries (transaction control left out) seen for one GET, over three tries
  local best=999 n
  for _ in 1 2 3; do
    sql -c "select pg_stat_statements_reset()" >/dev/null
    curl -s -o /dev/null -H "Cookie: $2" "$BASE$1"
    n="$(sql -c "select coalesce(sum(calls), 0) from pg_stat_statements where query !~* 'pg_stat_statements' and query ~* '^\\s*(select|insert|update|delete|with)'")"
    [ "$n" -lt "$best" ] && best=$n
  done
  echo "$best"
}
SQL_INBOX=$(statements / "$COLLAB_COOKIE")
SQL_CONVERSATION=$(statements "/conversations/$LONG_ID" "$COLLAB_COOKIE")

load() { # name, then wrk arguments; a short warm-up first
  local name=$1; shift
  wrk -t2 -c"$CONCURRENCY" -d8s "$@" >/dev/null
  [ "${BENCH_JFR:-}" = 1 ] && jcmd "$APP_PID" JFR.start name="$name" settings=profile filename="$OUT/profile-$name.jfr" >/dev/null
  wrk -t2 -c"$CONCURRENCY" -d"$DURATION" --latency "$@" >"$OUT/wrk-$name.txt"
  if [ "${BENCH_JFR:-}" = 1 ]; then
    jcmd "$APP_PID" JFR.stop name="$name" >/dev/null
    python3 "$ROOT/bench/top-frames.py" "$OUT/profile-$name.jfr" >"$OUT/profile-$name.txt"
  fi
  echo "   $name: $(grep -E 'Requests/sec' "$OUT/wrk-$name.txt" | awk '{print $2}') req/s"
}
open_load() { # name, total rate per second, then hey arguments: a fixed rate whatever the answers take (open loop)
  local name=$1 rate=$2; shift 2
  hey -z "$DURATION" -c "$CONCURRENCY" -q "$(python3 -c "print(max(1, round($rate / $CONCURRENCY)))")" "$@" >"$OUT/hey-$name.txt"
  echo "   $name: $(grep -E 'Requests/sec' "$OUT/hey-$name.txt" | awk '{print $2}') req/s at a fixed rate"
}
echo "== load, $CONCURRENCY connections, $DURATION each"
load ceiling -H "Cookie: $COLLAB_COOKIE" "$BASE/favicon.svg"
load inbox_collab -H "Cookie: $COLLAB_COOKIE" "$BASE/"
load inbox_client -H "Cookie: $CLIENT_COOKIE" "$BASE/"
load inbox_page20 -H "Cookie: $COLLAB_COOKIE" "$BASE/?cursor=$CURSOR"
load conversation -H "Cookie: $COLLAB_COOKIE" "$BASE/conversations/$LONG_ID"
HALF_RPS=$(python3 -c "import re; print(float(re.search(r'Requests/sec:\s+([0-9.]+)', open('$OUT/wrk-inbox_collab.txt').read()).group(1)) / 2)")
echo "== open loop at half the inbox throughput ($HALF_RPS req/s), $CONCURRENCY workers, $DURATION each"
open_load inbox_collab_half "$HALF_RPS" -H "Cookie: $COLLAB_COOKIE" "$BASE/"
open_load conversation_half "$HALF_RPS" -H "Cookie: $COLLAB_COOKIE" "$BASE/conversations/$LONG_ID"
# Search from the header: a rare word, a common word and a two-word phrase, in turn (see bench/generate.sql).
SEARCH_QUERIES="affacturage|facture|%22grand%20livre%22"
BENCH_QUERIES="$SEARCH_QUERIES" load search_collab -H "Cookie: $COLLAB_COOKIE" -s "$ROOT/bench/search.lua" "$BASE"
BENCH_QUERIES="$SEARCH_QUERIES" load search_client -H "Cookie: $CLIENT_COOKIE" -s "$ROOT/bench/search.lua" "$BASE"
# The files before the replies: the e-mails of thousands of replies, delivered in the background afterwards, would
# otherwise count in the heap growth of the uploads.
echo "== 100 MB files"
FILE="$OUT/100mb.bin"
[ -f "$FILE" ] || head -c 104857600 /dev/urandom >"$FILE"
DISK_S=$(dd if=/dev/zero of="$OUT/dd.bin" bs=1M count=100 conv=fdatasync 2>&1 | grep -oE '[0-9.,]+ s,' | tr -d ' s,' | tr ',' '.')
rm -f "$OUT/dd.bin"
# As the editor sends a file: the whole body, named by Content-Disposition.
upload() {
  curl -s -X POST -T "$FILE" -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/pdf" \
    -H "Content-Disposition: attachment; filename*=UTF-8''bilan-2025.pdf" "$@" "$BASE/api/v1/attachments"
}
UPLOAD_S=$(upload -o "$OUT/upload.json" -w '%{time_total}')
ATTACHMENT_ID=$(python3 -c "import json; print(json.load(open('$OUT/upload.json'))['id'])")
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d "{\"html\": \"<p>Bilan</p>\", \"attachmentIds\": [\"$ATTACHMENT_ID\"]}" \
  "$BASE/api/v1/conversations/$(head -1 "$OUT/reply-ids.txt")/messages"
DOWNLOAD_S=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/attachments/$ATTACHMENT_ID")

heap_used_kb() { jstat -gc "$APP_PID" | tail -1 | awk '{ printf "%d", $3 + $4 + $6 + $8 }'; }
jcmd "$APP_PID" GC.run >/dev/null; sleep 1
HEAP_BEFORE=$(heap_used_kb)
jstat -gc "$APP_PID" 100 >"$OUT/jstat.txt" &
JSTAT_PID=$!
UPLOADS=()
for _ in 1 2 3 4 5; do
  upload -o /dev/null &
  UPLOADS+=($!)
done
wait "${UPLOADS[@]}"
kill "$JSTAT_PID" 2>/dev/null || true
wait "$JSTAT_PID" 2>/dev/null || true
HEAP_PEAK=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%d", max }' "$OUT/jstat.txt")

echo "== replies"
BENCH_TOKEN="$TOKEN" BENCH_REPLY_IDS="$OUT/reply-ids.txt" load reply -s "$ROOT/bench/reply.lua" "$BASE"

echo "== live event streams"
# Heap held by 2,000 open streams, after a full GC on each side. They do not fit in -Xmx256m: Tomcat holds 114 KB
# (88 KB of buffers) for each open request (docs/performance.md; bench/sse-run.sh runs this phase alone), so this
# phase restarts the application with SSE_HEAP (768m by default); the sessions live in PostgreSQL and survive.
ulimit -n 8192 2>/dev/null || true
stop_app; APP_HEAP="${SSE_HEAP:-768m}" start_app; wait_ready
jcmd "$APP_PID" GC.run >/dev/null; sleep 1
SSE_HEAP_BEFORE=$(heap_used_kb)
SSE_FIFO="$OUT/sse-hold.fifo"; rm -f "$SSE_FIFO"; mkfifo "$SSE_FIFO"
python3 "$ROOT/bench/sse.py" hold 2000 "$PORT" "$COLLAB_COOKIE" "$CLIENT_COOKIE" <"$SSE_FIFO" >"$OUT/sse-hold.txt" &
SSE_PID=$!
exec 7>"$SSE_FIFO"
for _ in $(seq 1 600); do grep -q '^open' "$OUT/sse-hold.txt" && break; sleep 0.1; done
sleep 2; jcmd "$APP_PID" GC.run >/dev/null; sleep 1
SSE_HEAP_OPEN=$(heap_used_kb)
exec 7>&-; wait "$SSE_PID" || true; rm -f "$SSE_FIFO"
echo "   $(cat "$OUT/sse-hold.txt") streams: heap $((SSE_HEAP_BEFORE / 1024)) MB -> $((SSE_HEAP_OPEN / 1024)) MB"
# From a reply's POST to its "message" event on 200 streams of the conversation's two participants.
CLIENT1_COOKIE="MESSAGES_SESSION=$(login client1@bench.example)"
python3 "$ROOT/bench/sse.py" fanout 200 "$PORT" "$LONG_ID" "$TOKEN" "$COLLAB_COOKIE" "$CLIENT1_COOKIE" >"$OUT/sse-fanout.json"
echo "   fan-out: $(cat "$OUT/sse-fanout.json")"

python3 - "$OUT" "$SIZE" <<PY
import json, re, sys
out, size = sys.argv[1], sys.argv[2]
def ms(text):
    value, unit = re.match(r"([0-9.]+)(us|ms|s)", text).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)
def hey(name):
    text = open(f"{out}/hey-{name}.txt").read()
    pct = dict(re.findall(r"^\s+(50|99)% in ([0-9.]+) secs", text, re.M))
    return round(float(pct["50"]) * 1000, 2), round(float(pct["99"]) * 1000, 2)
def wrk(name):
    text = open(f"{out}/wrk-{name}.txt").read()
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
    return ms(pct["50"]), ms(pct["99"]), round(float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1)), 1)
c50, c99, crps = wrk("inbox_collab")
k50, k99, _ = wrk("inbox_client")
p50, _, _ = wrk("inbox_page20")
v50, v99, _ = wrk("conversation")
hc50, hc99 = hey("inbox_collab_half")
hv50, hv99 = hey("conversation_half")
s50, s99, _ = wrk("search_collab")
sk50, _, _ = wrk("search_client")
_, r99, rrps = wrk("reply")
_, _, ceiling = wrk("ceiling")
results = {
    "size": size,
    "inbox_collab_p50_ms": c50, "inbox_collab_p99_ms": c99, "inbox_collab_rps": crps,
    "inbox_client_p50_ms": k50, "inbox_client_p99_ms": k99,
    "inbox_page20_p50_ms": p50,
    "conversation_p50_ms": v50, "conversation_p99_ms": v99,
    "inbox_collab_p50_at_half_ms": hc50, "inbox_collab_p99_at_half_ms": hc99,
    "conversation_p50_at_half_ms": hv50, "conversation_p99_at_half_ms": hv99,
    "search_collab_p50_ms": s50, "search_collab_p99_ms": s99, "search_client_p50_ms": sk50,
    "reply_rps": rrps, "reply_p99_ms": r99,
    "ceiling_rps": ceiling,
    "sql_per_inbox": int("$SQL_INBOX"), "sql_per_conversation": int("$SQL_CONVERSATION"),
    "upload_100mb_s": round(float("$UPLOAD_S"), 2), "download_100mb_s": round(float("$DOWNLOAD_S"), 2),
    "disk_write_100mb_s": round(float("$DISK_S"), 2),
    "upload_heap_growth_mb": round(($HEAP_PEAK - $HEAP_BEFORE) / 1024, 1),
    "sse_heap_mb": round(($SSE_HEAP_OPEN - $SSE_HEAP_BEFORE) / 1024, 1),
    "sse_heap_per_stream_kb": round(($SSE_HEAP_OPEN - $SSE_HEAP_BEFORE) / 2000, 1),
    "sse_fanout_p99_ms": json.load(open(f"{out}/sse-fanout.json"))["p99_ms"],
    "startup_s": float("$STARTUP_S"),
    "generation_s": float("$GEN_S"),
}
json.dump(results, open(f"{out}/results.json", "w"), indent=2)
print()
print(f"Messages benchmark ({size}), concurrency $CONCURRENCY")
for key, value in results.items():
    print(f"  {key:<28} {value}")
print(f"  inbox_collab_rps / ceiling_rps = {round(crps / ceiling, 2)}")
print(f"  reply_rps / ceiling_rps = {round(rrps / ceiling, 2)}")
PY
