#!/bin/sh
# uniarm-run's test: Ctrl-A x at an interactive console (a pseudo-terminal from script(1))
# quits QEMU with no status from the application: uniarm-run must not report success.
runner=$1 image=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
{
	i=0
	until grep -q "waiting> " "$out"; do
		i=$((i + 1))
		[ $i -gt 300 ] && break
		sleep 0.1
	done
	printf '\001x'
	sleep 1
} | script -qefc "'$runner' '$image' --timeout 60" /dev/null >"$out" 2>&1
status=$?
cat "$out"
echo "exit status $status"
