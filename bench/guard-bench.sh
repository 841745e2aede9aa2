#!/usr/bin/env bash
# Measures the guard against nginx and nginx+ModSecurity+CRS on loopback with wrk.
# Needs: wrk, nginx, libnginx-mod-http-modsecurity, modsecurity-crs (Debian packages), a JDK 21+.
# Usage: bench/guard-bench.sh [connections=16] [seconds=10] [warm-up seconds=15]
# Env: ROUNDS (default 1: with N > 1 the targets are measured in N interleaved rounds, each after a
#      3 s re-warm, nginx and the guard swapping places every other round, and the table ends with
#      each target's median over the rounds), GUARD_POLICY (default bench/guard-policy.yaml), SOAK_REQUESTS (checksum soak, default off),
#      MODERATE_CONNECTIONS (default 4: the moderate-load latency run, 0 to skip; one pass per round,
#      at most three, with the median added p99),
#      SUSTAINED_SECONDS (default 0: a long run against the guard sampling its memory every second),
#      GUARD_TRANSPORT (auto|nio|epoll|io_uring, default auto), GUARD_JAVA_OPTS (extra JVM options),
#      GUARD_CAPTURE (off: the guard runs without capture, to measure what capture costs),
#      BENCH_PORT_BASE (default 18080: four ports from it), BENCH_OUT (default bench-out/guard),
#      BENCH_LAYOUT (which processes share a CPU; needs taskset and two CPUs):
#        split (default): wrk alone on one CPU; the upstream and the proxy under test on another;
#        proxy-alone: the proxy alone on one CPU; wrk and the upstream on another;
#        shared: nothing pinned, the scheduler places every process (the layout of Runs 1-20;
#        the only one that runs on a single CPU).
# Every proxy gets one worker (nginx worker_processes 1; the guard one event loop with
# -XX:ActiveProcessorCount=1) and, in the pinned layouts, one CPU. CPU per request is the proxy's
# utime+stime from /proc/<pid>/stat (all its processes) divided by the requests wrk completed; the
# upstream's is reported beside it. Peak RSS is the largest sum of VmRSS over the target's
# processes, sampled every 0.5 s during the measured run. The upstream is nginx
# returning a fixed 12-byte body; "direct" measures wrk against it with no proxy.
# A second, moderate-load pass (wrk -t1 -c4) measures latency when nothing is saturated: "added
# p50/p99" is a target's percentile minus direct's in the same pass.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS=${1:-16}
SECS=${2:-10}
WARMUP=${3:-15}
MODERATE=${MODERATE_CONNECTIONS:-4}
ROUNDS=${ROUNDS:-1}
SUSTAINED=${SUSTAINED_SECONDS:-0}
OUT=${BENCH_OUT:-bench-out/guard}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "guard-bench: $tool not found (apt-get install -y wrk nginx libnginx-mod-http-modsecurity modsecurity-crs)" >&2; exit 2; }
done
# Where each process runs: taskset prefixes for the upstream, the proxies and wrk. The pinned
# layouts use the first two CPUs this process may run on (CPU_A for the proxy, CPU_B for wrk).
LAYOUT=${BENCH_LAYOUT:-split}
UP_PIN=() PROXY_PIN=() LOAD_PIN=()
case "$LAYOUT" in
  split | proxy-alone)
    command -v taskset >/dev/null || { echo "guard-bench: BENCH_LAYOUT=$LAYOUT needs taskset (util-linux); BENCH_LAYOUT=shared pins nothing" >&2; exit 2; }
    # Cpus_allowed_list is like "0-3,6": the first two CPUs of it.
    read -r CPU_A CPU_B _ < <(awk '/^Cpus_allowed_list:/ { n = split($2, parts, ","); for (i = 1; i <= n; i++) {
        m = split(parts[i], r, "-"); lo = r[1] + 0; hi = (m > 1 ? r[2] : r[1]) + 0; for (c = lo; c <= hi; c++) out = out " " c }
        print out }' /proc/self/status)
    [ -n "${CPU_B:-}" ] || { echo "guard-bench: BENCH_LAYOUT=$LAYOUT needs two CPUs, this process may use only ${CPU_A:-none}; BENCH_LAYOUT=shared pins nothing" >&2; exit 2; }
    PROXY_PIN=(taskset -c "$CPU_A") LOAD_PIN=(taskset -c "$CPU_B")
    if [ "$LAYOUT" = split ]; then UP_PIN=(taskset -c "$CPU_A"); else UP_PIN=(taskset -c "$CPU_B"); fi ;;
  shared) ;;
  *) echo "guard-bench: BENCH_LAYOUT must be split, proxy-alone or shared, not '$LAYOUT'" >&2; exit 2 ;;
esac
# wrk, on the load generator's CPU in the pinned layouts.
run_wrk() { "${LOAD_PIN[@]}" wrk "$@"; }
. bin/jdk.sh
MODSEC_SO=/usr/lib/nginx/modules/ngx_http_modsecurity_module.so
CRS_LOAD=/usr/share/modsecurity-crs/owasp-crs.load
HZ=$(getconf CLK_TCK)
BASE=${BENCH_PORT_BASE:-18080}
UP=$BASE NGX=$((BASE + 1)) MODSEC=$((BASE + 2)) GUARD=$((BASE + 3))
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

# nginx instance: $1 name, $2 port, $3 server-block body, $4 extra main-context lines; PIN (an
# array named by $5) runs it on a CPU
start_nginx() {
  local -n pin=$5
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
  "${pin[@]}" nginx -p "$dir" -c "$dir/nginx.conf"
  for _ in $(seq 50); do [ -s "$dir/nginx.pid" ] && break; sleep 0.1; done
}

# all processes (master and workers) of an nginx instance
nginx_pids() { local m; m=$(cat "$OUT/ngx-$1/nginx.pid"); echo "$m $(pgrep -P "$m" | tr '\n' ' ')"; }

cpu_ticks() { local t=0 p; for p in $1; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }

rss_kib() { local t=0 p r; for p in $1; do r=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); t=$((t + ${r:-0})); done; echo $t; }

# Samples the summed VmRSS (KiB) of pids $1 every $2 seconds into file $3 (one "seconds kib" line
# per sample) until killed.
sample_rss() {
  local start=$SECONDS
  while true; do echo "$((SECONDS - start)) $(rss_kib "$1")" >> "$3"; sleep "$2"; done
}

# wrk prints latencies as 812.00us, 1.20ms or 1.05s; this gives microseconds.
to_us() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else if (v ~ /s$/) print n * 1e6; else print n }'; }

RESULTS="$OUT/results.md"
MODERATE_ROWS="$OUT/moderate.md"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "| target | round | connections | requests | rps | p50 | p99 | errors | proxy CPU µs/request | upstream CPU µs/request | peak RSS MiB | load |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$RESULTS"
: > "$MODERATE_ROWS"

# $1 label, $2 port, $3 pids to meter ("" for none), $4 round, $5 warm-up seconds
measure() {
  local url="http://127.0.0.1:$2/api/items/42?sort=name&page=2"
  # Warm-up, not recorded: the JVM compiles its hot path in the first seconds, and every target
  # gets the same treatment.
  run_wrk -t1 -c"$CONNS" -d"${5}s" "$url" >/dev/null
  local before after sampler load up_pids up_before up_after
  up_pids=$(nginx_pids upstream)
  : > "$OUT/rss-$1.txt"
  sample_rss "$3" 0.5 "$OUT/rss-$1.txt" &
  sampler=$!
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(cpu_ticks "$3"); up_before=$(cpu_ticks "$up_pids")
  run_wrk -t1 -c"$CONNS" -d"${SECS}s" --latency "$url" > "$OUT/wrk-$1.txt"
  after=$(cpu_ticks "$3"); up_after=$(cpu_ticks "$up_pids")
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  local reqs rps p50 p99 errs cpu upcpu rss
  reqs=$(awk '/requests in/ {print $1}' "$OUT/wrk-$1.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$OUT/wrk-$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-$1.txt")
  errs=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' "$OUT/wrk-$1.txt")
  cpu=$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$reqs" 'BEGIN { printf "%.1f", t / hz / n * 1e6 }')
  upcpu=$(awk -v t=$((up_after - up_before)) -v hz="$HZ" -v n="$reqs" 'BEGIN { printf "%.1f", t / hz / n * 1e6 }')
  rss=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { printf "%.1f", m / 1024 }' "$OUT/rss-$1.txt")
  echo "| $1 | $4 | $CONNS | $reqs | $rps | $p50 | $p99 | ${errs:-0} | $cpu | $upcpu | $rss | $load |" >> "$RESULTS"
  echo "$1: $rps rps, p50 $p50, p99 $p99, ${cpu} µs CPU/request (upstream ${upcpu}), peak RSS ${rss} MiB, load $load ${errs}" >&2
}

# Moderate load: few connections, nothing saturated, so percentiles show the latency a proxy adds
# rather than queueing. $1 label, $2 port. Rows are written once direct's numbers are known.
DIRECT_P50_US=0 DIRECT_P99_US=0
moderate() {
  local url="http://127.0.0.1:$2/api/items/42?sort=name&page=2"
  run_wrk -t1 -c"$MODERATE" -d5s "$url" >/dev/null
  run_wrk -t1 -c"$MODERATE" -d"${SECS}s" --latency "$url" > "$OUT/wrk-moderate-$1.txt"
  local rps p50 p99 p50us p99us load
  load=$(cut -d' ' -f1 /proc/loadavg)
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-moderate-$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$OUT/wrk-moderate-$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-moderate-$1.txt")
  p50us=$(to_us "$p50"); p99us=$(to_us "$p99")
  if [ "$1" = direct ]; then DIRECT_P50_US=$p50us; DIRECT_P99_US=$p99us; fi
  local add50 add99
  add50=$(awk -v a="$p50us" -v b="$DIRECT_P50_US" 'BEGIN { printf "%.0f", a - b }')
  add99=$(awk -v a="$p99us" -v b="$DIRECT_P99_US" 'BEGIN { printf "%.0f", a - b }')
  echo "| $1 | $MODERATE | $rps | $p50 | $p99 | ${add50}us | ${add99}us | $load |" >> "$MODERATE_ROWS"
  echo "moderate $1: $rps rps, p50 $p50, p99 $p99, added p50 ${add50}us, added p99 ${add99}us, load $load" >&2
}

start_nginx upstream $UP 'location / { default_type text/plain; return 200 "hello world\n"; }' '' UP_PIN
start_nginx proxy $NGX 'location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; }' '' PROXY_PIN
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
  start_nginx modsec $MODSEC "modsecurity on; modsecurity_rules_file $OUT/modsec-rules.conf; location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; }" "load_module $MODSEC_SO;" PROXY_PIN
fi
GUARD_TRANSPORT=${GUARD_TRANSPORT:-auto} \
"${PROXY_PIN[@]}" java -XX:ActiveProcessorCount=1 -Xms256m -Xmx256m --enable-native-access=ALL-UNNAMED $VIGIL_UNSAFE_OPT \
  -Dio.netty.leakDetection.level=disabled ${GUARD_JAVA_OPTS:-} \
  -cp "$CP" dev.vigil.guard.GuardBenchLauncher $GUARD "http://127.0.0.1:$UP" "${GUARD_POLICY:-bench/guard-policy.yaml}" > "$OUT/guard.log" 2>&1 &
GUARD_PID=$!
PIDS+=("$GUARD_PID")
for _ in $(seq 100); do grep -q "listening" "$OUT/guard.log" && break; sleep 0.1; done

# Interleaved rounds: every target sees the same stretch of machine noise in each round.
for round in $(seq "$ROUNDS"); do
  warm=$WARMUP
  [ "$round" -gt 1 ] && warm=3
  measure direct $UP "$(nginx_pids upstream)" "$round" "$warm"
  # Odd rounds measure nginx second and the guard last, even rounds the other way round, so neither
  # always follows ModSecurity's CPU-bound run or always comes first after direct.
  if [ $((round % 2)) -eq 1 ]; then
    measure nginx $NGX "$(nginx_pids proxy)" "$round" "$warm"
    [ "$MODSEC_AVAILABLE" = yes ] && measure nginx+modsecurity+crs $MODSEC "$(nginx_pids modsec)" "$round" "$warm"
    measure guard $GUARD "$GUARD_PID" "$round" "$warm"
  else
    measure guard $GUARD "$GUARD_PID" "$round" "$warm"
    [ "$MODSEC_AVAILABLE" = yes ] && measure nginx+modsecurity+crs $MODSEC "$(nginx_pids modsec)" "$round" "$warm"
    measure nginx $NGX "$(nginx_pids proxy)" "$round" "$warm"
  fi
done
if [ "$ROUNDS" -gt 1 ]; then
  {
    echo
    echo "Medians over $ROUNDS rounds (rps, proxy CPU µs/request), and the guard's rps as a share of nginx's in each round:"
    echo
    echo "| target | median rps | median CPU µs/request | min CPU µs/request | median upstream CPU µs/request |"
    echo "|---|---|---|---|---|"
    for t in direct nginx nginx+modsecurity+crs guard; do
      awk -F'|' -v t="$t" '
        { gsub(/ /, "", $2) } $2 == t { n++; r[n] = $6 + 0; c[n] = $10 + 0; u[n] = $11 + 0 }
        function median(a, n,   i, j, x) {
          for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j > 0 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
          return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        END { if (n) { m = median(c, n); lo = c[1]; printf "| %s | %.0f | %.1f | %.1f | %.1f |\n", t, median(r, n), m, lo, median(u, n) } }' "$RESULTS"
    done
    echo
    awk -F'|' '{ gsub(/ /, "", $2); gsub(/ /, "", $3) } $2 == "nginx" { n[$3] = $6 } $2 == "guard" { g[$3] = $6 }
      END { s = "guard/nginx rps by round:"; for (i = 1; i in g; i++) s = s sprintf(" %d: %.0f%%", i, 100 * g[i] / n[i]); print s }' "$RESULTS"
  } > "$OUT/medians.md"
  cat "$OUT/medians.md" >> "$RESULTS"
fi

if [ "$MODERATE" -gt 0 ]; then
  # One pass per round, at most three: a single pass is at the mercy of one noisy stretch.
  MODERATE_ROUNDS=$((ROUNDS < 3 ? ROUNDS : 3))
  for _ in $(seq "$MODERATE_ROUNDS"); do
    moderate direct $UP
    moderate nginx $NGX
    [ "$MODSEC_AVAILABLE" = yes ] && moderate nginx+modsecurity+crs $MODSEC
    moderate guard $GUARD
  done
  {
    echo
    echo "Moderate load (wrk -t1 -c$MODERATE, ${SECS} s after a 5 s warm-up; added = target minus direct in the same pass; $MODERATE_ROUNDS pass(es)):"
    echo
    echo "| target | connections | rps | p50 | p99 | added p50 | added p99 | load |"
    echo "|---|---|---|---|---|---|---|---|"
    cat "$MODERATE_ROWS"
    if [ "$MODERATE_ROUNDS" -gt 1 ]; then
      echo
      echo "Median added p99 over the passes:"
      echo
      for t in nginx nginx+modsecurity+crs guard; do
        awk -F'|' -v t="$t" '{ gsub(/ /, "", $2) } $2 == t { n++; v[n] = $8 + 0 }
          END { if (n) { for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j > 0 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
                         printf "- %s: %dus\n", t, n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 } }' "$MODERATE_ROWS"
      done
    fi
  } >> "$RESULTS"
fi

# Sustained load: the guard's memory over a long run must level off, not grow.
if [ "$SUSTAINED" -gt 0 ]; then
  : > "$OUT/rss-sustained.txt"
  sample_rss "$GUARD_PID" 1 "$OUT/rss-sustained.txt" &
  SAMPLER=$!
  run_wrk -t1 -c"$CONNS" -d"${SUSTAINED}s" "http://127.0.0.1:$GUARD/api/items/42?sort=name&page=2" > "$OUT/wrk-sustained.txt"
  kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true
  HEAP=$(jcmd "$GUARD_PID" GC.heap_info 2>/dev/null | grep -Eo 'used [0-9]+K' | awk '{ s += $2 } END { if (NR) printf "%.1f MiB used", s / 1024 }' || true)
  {
    echo
    echo "Sustained: wrk -t1 -c$CONNS for ${SUSTAINED} s against the guard, $(awk '/requests in/ {print $1}' "$OUT/wrk-sustained.txt") requests;"
    awk -v n="$SUSTAINED" '
      { t[NR] = $1; r[NR] = $2; if ($2 > peak) peak = $2 }
      END {
        q = int(NR / 4); if (q < 1) q = 1
        for (i = 1; i <= q; i++) if (r[i] > first) first = r[i]
        for (i = NR - q + 1; i <= NR; i++) if (r[i] > last) last = r[i]
        printf "guard RSS (sampled every second): peak %.1f MiB; peak in the first quarter %.1f MiB, in the last quarter %.1f MiB", peak / 1024, first / 1024, last / 1024
      }' "$OUT/rss-sustained.txt"
    echo "; heap after the run: ${HEAP:-n/a} (of -Xmx256m). Samples: rss-sustained.txt."
  } >> "$RESULTS"
fi

# Attack-blocking sanity check: a CRS/guard-detectable SQL injection through each WAF.
ATTACK="/api/items?q=1%27%20OR%20%271%27%3D%271"
{
  echo
  echo "SQL injection probe ($ATTACK): nginx+modsecurity+crs answered $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MODSEC$ATTACK" 2>/dev/null || echo n/a);"
  echo "guard (policy ${GUARD_POLICY:-bench/guard-policy.yaml}) answered $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GUARD$ATTACK")."
  echo
  echo "Load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1), nginx $(nginx -v 2>&1 | cut -d/ -f2), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
  echo "Layout: $LAYOUT ($(case "$LAYOUT" in split) echo "wrk alone on CPU $CPU_B; upstream and proxy on CPU $CPU_A" ;; proxy-alone) echo "proxy alone on CPU $CPU_A; wrk and upstream on CPU $CPU_B" ;; *) echo 'nothing pinned' ;; esac))."
  echo "Guard transport: $(sed -n 's/^guard listening on [0-9]* (\(.*\))$/\1/p' "$OUT/guard.log" | head -1)."
} >> "$RESULTS"
kill "$GUARD_PID"; wait "$GUARD_PID" 2>/dev/null || true
cat "$OUT/guard.log" >&2
# The guard's counters over the whole run (captured vs shed analysis, upstream failures).
{ echo; echo "Guard counters at exit: \`$(grep '^captured=' "$OUT/guard.log" || echo n/a)\`"; } >> "$RESULTS"

# Optional correctness soak: SOAK_REQUESTS=1000000 bench/guard-bench.sh
if [ "${SOAK_REQUESTS:-0}" -gt 0 ]; then
  java -Xmx512m -cp "$CP" dev.vigil.guard.GuardSoak "$SOAK_REQUESTS" "${SOAK_CONNECTIONS:-8}" 2>/dev/null \
    | grep '^soak:' | tee -a "$RESULTS" >&2
fi
cat "$RESULTS"
