#!/usr/bin/env bash
# Measures the guard against nginx and nginx+ModSecurity+CRS on loopback with wrk.
# Needs: wrk, nginx, libnginx-mod-http-modsecurity, modsecurity-crs (Debian packages), a JDK 21+.
# Usage: bench/guard-bench.sh [connections=16] [seconds=10] [warm-up seconds=15]
# Env: GUARD_POLICY (default bench/guard-policy.yaml), SOAK_REQUESTS (checksum soak, default off).
# Every proxy gets one worker (nginx worker_processes 1; the guard one event loop with
# -XX:ActiveProcessorCount=1). CPU per request is the proxy's utime+stime from /proc/<pid>/stat
# (all its processes) divided by the requests wrk completed. The upstream is nginx returning a
# fixed 12-byte body; "direct" measures wrk against it with no proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${1:-16}
SECS=${2:-10}
WARMUP=${3:-15}
OUT=${BENCH_OUT:-bench-out/guard}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "guard-bench: $tool not found (apt-get install -y wrk nginx libnginx-mod-http-modsecurity modsecurity-crs)" >&2; exit 2; }
done
. bin/jdk.sh
MODSEC_SO=/usr/lib/nginx/modules/ngx_http_modsecurity_module.so
CRS_LOAD=/usr/share/modsecurity-crs/owasp-crs.load
HZ=$(getconf CLK_TCK)
UP=18080 NGX=18081 MODSEC=18082 GUARD=18083
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for d in "$OUT"/ngx-*; do [ -f "$d/nginx.pid" ] && kill "$(cat "$d/nginx.pid")" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "building the guard (offline)…" >&2
mvn -B -q -o -pl vigil-guard -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=test > "$OUT/build.log" 2>&1 \
  || { grep -E 'ERROR' "$OUT/build.log" >&2; echo "guard-bench: build failed, see $OUT/build.log" >&2; exit 1; }
CP="vigil-guard/target/classes:vigil-guard/target/test-classes:$(cat "$OUT/cp.txt")"

# nginx instance: $1 name, $2 port, $3 server-block body, $4 extra main-context lines
start_nginx() {
  local dir="$OUT/ngx-$1"
  mkdir -p "$dir/logs"
  cat > "$dir/nginx.conf" <<NGX
$4
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  upstream app { server 127.0.0.1:$UP; keepalive 64; }
  server {
    listen 127.0.0.1:$2 backlog=4096;
    $3
  }
}
NGX
  nginx -p "$dir" -c "$dir/nginx.conf"
  for _ in $(seq 50); do [ -s "$dir/nginx.pid" ] && break; sleep 0.1; done
}

# all processes (master and workers) of an nginx instance
nginx_pids() { local m; m=$(cat "$OUT/ngx-$1/nginx.pid"); echo "$m $(pgrep -P "$m" | tr '\n' ' ')"; }

cpu_ticks() { local t=0 p; for p in $1; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }

RESULTS="$OUT/results.md"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "| target | connections | requests | rps | p50 | p99 | errors | proxy CPU µs/request |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$RESULTS"

# $1 label, $2 port, $3 pids to meter ("" for none)
measure() {
  local url="http://127.0.0.1:$2/api/items/42?sort=name&page=2"
  # Warm-up, not recorded: the JVM compiles its hot path in the first seconds, and every target
  # gets the same treatment.
  wrk -t1 -c"$CONNS" -d"${WARMUP}s" "$url" >/dev/null
  local before after
  before=$(cpu_ticks "$3")
  wrk -t1 -c"$CONNS" -d"${SECS}s" --latency "$url" > "$OUT/wrk-$1.txt"
  after=$(cpu_ticks "$3")
  local reqs rps p50 p99 errs cpu
  reqs=$(awk '/requests in/ {print $1}' "$OUT/wrk-$1.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$OUT/wrk-$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-$1.txt")
  errs=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' "$OUT/wrk-$1.txt")
  cpu=$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$reqs" 'BEGIN { printf "%.1f", t / hz / n * 1e6 }')
  echo "| $1 | $CONNS | $reqs | $rps | $p50 | $p99 | ${errs:-0} | $cpu |" >> "$RESULTS"
  echo "$1: $rps rps, p50 $p50, p99 $p99, ${cpu} µs CPU/request ${errs}" >&2
}

start_nginx upstream $UP 'location / { default_type text/plain; return 200 "hello world\n"; }' ''
start_nginx proxy $NGX 'location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; }' ''
MODSEC_AVAILABLE=no
if [ -f "$MODSEC_SO" ] && [ -f "$CRS_LOAD" ]; then
  MODSEC_AVAILABLE=yes
  cat > "$OUT/modsec-rules.conf" <<RULES
Include /etc/nginx/modsecurity.conf
SecRuleEngine On
SecAuditEngine Off
SecDebugLogLevel 0
Include /etc/modsecurity/crs/crs-setup.conf
Include /etc/modsecurity/crs/REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf
Include /usr/share/modsecurity-crs/rules/*.conf
Include /etc/modsecurity/crs/RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf
RULES
  start_nginx modsec $MODSEC "modsecurity on; modsecurity_rules_file $OUT/modsec-rules.conf; location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; }" "load_module $MODSEC_SO;"
fi
java -XX:ActiveProcessorCount=1 -Xms256m -Xmx256m -cp "$CP" dev.vigil.guard.GuardBenchLauncher $GUARD "http://127.0.0.1:$UP" "${GUARD_POLICY:-bench/guard-policy.yaml}" > "$OUT/guard.log" 2>&1 &
GUARD_PID=$!
PIDS+=("$GUARD_PID")
for _ in $(seq 100); do grep -q "listening" "$OUT/guard.log" && break; sleep 0.1; done

measure direct $UP "$(nginx_pids upstream)"
measure nginx $NGX "$(nginx_pids proxy)"
[ "$MODSEC_AVAILABLE" = yes ] && measure nginx+modsecurity+crs $MODSEC "$(nginx_pids modsec)"
measure guard $GUARD "$GUARD_PID"

# Attack-blocking sanity check: a CRS/guard-detectable SQL injection through each WAF.
ATTACK="/api/items?q=1%27%20OR%20%271%27%3D%271"
{
  echo
  echo "SQL injection probe ($ATTACK): nginx+modsecurity+crs answered $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MODSEC$ATTACK" 2>/dev/null || echo n/a);"
  echo "guard (policy ${GUARD_POLICY:-bench/guard-policy.yaml}) answered $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GUARD$ATTACK")."
  echo
  echo "Load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1), nginx $(nginx -v 2>&1 | cut -d/ -f2), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
} >> "$RESULTS"
kill "$GUARD_PID"; wait "$GUARD_PID" 2>/dev/null || true
cat "$OUT/guard.log" >&2

# Optional correctness soak: SOAK_REQUESTS=1000000 bench/guard-bench.sh
if [ "${SOAK_REQUESTS:-0}" -gt 0 ]; then
  java -Xmx512m -cp "$CP" dev.vigil.guard.GuardSoak "$SOAK_REQUESTS" "${SOAK_CONNECTIONS:-8}" 2>/dev/null \
    | grep '^soak:' | tee -a "$RESULTS" >&2
fi
cat "$RESULTS"
