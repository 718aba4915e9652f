#!/bin/sh
# uniarm-run's test: Ctrl-A x at an interactive console (a pseudo-terminal from script(1))
# quits QEMU with no status from the application: uniarm-run must not report success.
runner=$1 image=$2
. "$(dirname "$0")/wait_for.sh"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
{
	wait_for "$out" "waiting> "
	printf '\001x'
	sleep 1
} | script -qefc "'$runner' '$image' --timeout 60" /dev/null >"$out" 2>&1
status=$?
cat "$out"
echo "exit status $status"
