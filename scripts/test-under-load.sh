#!/usr/bin/env bash
# Runs the whole suite (./oolong test) with one core kept busy by another process, as on a user's
# or a CI machine that is never idle: the real-time tests must hold there too.
#
#   scripts/test-under-load.sh [RUNS] [-- extra ./oolong test flags]    (default: 1 run)
#
# The load is stress-ng --cpu 1 (Debian's stress-ng, installed with apt-get when missing), or a
# shell busy loop where it cannot be installed. Each run's time and result are printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-1}
shift || true
[[ "${1:-}" == "--" ]] && shift

if ! command -v stress-ng >/dev/null; then
  sudo=""
  [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null && sudo=sudo
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends stress-ng >/dev/null; } ||
    echo "test-under-load: stress-ng could not be installed; a shell busy loop keeps the core busy instead" >&2
fi

load_pid=""
start_load() {
  if command -v stress-ng >/dev/null; then
    stress-ng --cpu 1 --cpu-method matrixprod --quiet &
  else
    (while :; do :; done) &
  fi
  load_pid=$!
}
stop_load() {
  [[ -n "$load_pid" ]] && kill "$load_pid" 2>/dev/null && wait "$load_pid" 2>/dev/null || true
  load_pid=""
}
trap stop_load EXIT

results=()
status=0
for ((i = 1; i <= runs; i++)); do
  start_load
  echo "test-under-load: run $i of $runs, one core busy (pid $load_pid)" >&2
  t0=$(date +%s)
  if ./oolong test "$@"; then r=passed; else r=FAILED; status=1; fi
  stop_load
  results+=("run $i: $r in $(( $(date +%s) - t0 )) s")
done
printf 'test-under-load: %s\n' "${results[@]}" >&2
exit $status
