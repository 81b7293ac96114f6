#!/bin/bash
# What a first visit really downloads, the service worker's install included
# (the page's own resource timing does not see the worker's fetches).
# An empty Chromium profile opens the sign-in form of the demo server on
# 127.0.0.1 and stays 25 s, writing Chromium's net log; netlog-bytes.py then
# sums the bytes read from the network and from the HTTP cache.
#
# usage: tools/bench/first-visit-netlog.sh <dist dir> <net log out.json>
# needs: a built server (cargo build -p server; DVK_SERVER overrides the
# path), Debian's chromium, python3. Results: docs/bench.md.
set -eu
DIST=$1
OUT=$2
SERVER=${DVK_SERVER:-${CARGO_TARGET_DIR:-target}/debug/server}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DVK_LISTEN=127.0.0.1:18099 DVK_STORE=mem:// DVK_DEMO=true DVK_DIST=$DIST "$SERVER" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  curl -sf http://127.0.0.1:18099/api/health >/dev/null && break
  sleep 1
done
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$WORK/profile" --log-net-log="$OUT" http://127.0.0.1:18099/ \
  >"$WORK/chromium.log" 2>&1 &
CHROMIUM_PID=$!
sleep 25
kill -TERM "$CHROMIUM_PID"
wait "$CHROMIUM_PID" || true
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
python3 "$(dirname "$0")/netlog-bytes.py" "$OUT"
