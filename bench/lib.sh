# Functions shared by the bench scripts, sourced once BASE, APP_LOG (the log the application writes) and, for login,
# ADMIN_PW are set; APP_PID is the running application's process.

# The collector of the README's production command (docs/adr/0015-parallel-collector.md): every start of the
# application in a bench uses it.
GC_OPTS="-XX:+UseParallelGC"

# Waits until the application answers /login; stops the script if it died or is not up after 90 s.
wait_ready() {
  for _ in $(seq 1 900); do
    curl -sf -o /dev/null "$BASE/login" && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "the application stopped; see $APP_LOG" >&2; exit 1; }
    sleep 0.1
  done
  echo "the application did not start" >&2; exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
pg_port() { grep -oE "Embedded PostgreSQL started on port [0-9]+" "$APP_LOG" | tail -1 | grep -oE "[0-9]+$"; }
sql() { psql -X -q -t -A -h 127.0.0.1 -p "$(pg_port)" -U postgres -d messages "$@"; }
# The session cookie's value of a sign-in with ADMIN_PW (every generated person's password).
login() {
  local jar csrf
  jar="$(mktemp)"
  csrf="$(curl -s -c "$jar" -b "$jar" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')"
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=$1" --data-urlencode "password=$ADMIN_PW" \
    --data-urlencode "_csrf=$csrf" "$BASE/login"
  awk '$6 == "MESSAGES_SESSION" { print $7 }' "$jar"
  rm -f "$jar"
}
heap_used_kb() { jstat -gc "$APP_PID" | tail -1 | awk '{ printf "%d", $3 + $4 + $6 + $8 }'; }
