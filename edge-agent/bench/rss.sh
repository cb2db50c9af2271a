#!/usr/bin/env bash
# Resident memory of one edge agent (mock platform, real Mosquitto on loopback), sampled from /proc every 5 s.
# Usage: edge-agent/bench/rss.sh [seconds] [extra JVM flags...]
#   edge-agent/bench/rss.sh 120                                   # default JVM flags
#   edge-agent/bench/rss.sh 120 $(cat edge-agent/packaging/jvm-small.flags)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/edge-agent.jar"
secs="${1:-120}"; shift || true
[ -f "$jar" ] || { echo "build first: mvn -B -q -o -pl edge-agent -am package -DskipTests" >&2; exit 1; }
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 & mq=$!
cat > "$work/agent.conf" <<CONF
post.id = bench-rss-1
mqtt.url = tcp://127.0.0.1:$port
hardware.platform = mock
data.dir = $work/data
telemetry.intervalS = 5
selftest.hour = -1
CONF
java "$@" -jar "$jar" --config "$work/agent.conf" > "$work/agent.log" 2>&1 & agent=$!
trap 'kill $agent $mq 2>/dev/null || true; rm -rf "$work"' EXIT
peak=0; last=0
for ((t = 5; t <= secs; t += 5)); do
  sleep 5
  last=$(awk '/VmRSS/ {print $2}' "/proc/$agent/status")
  (( last > peak )) && peak=$last
  echo "t=${t}s rss=$((last / 1024)) MB"
done
echo "flags: ${*:-<default>}"
echo "steady (last) RSS: $((last / 1024)) MB, peak: $((peak / 1024)) MB"
