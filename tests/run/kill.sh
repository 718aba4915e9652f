#!/bin/sh
# uniarm-run's test: what was printed before a kill is kept, and the status says what
# happened. kill.sh RUNNER IMAGE WHO SIGNAL: WHO is "runner" (a CI job's timeout killing
# uniarm-run) or "qemu" (QEMU killed by someone else). Prints the run's output and
# "exit status N"; the CTest checks both.
runner=$1 image=$2 who=$3 sig=$4
. "$(dirname "$0")/wait_for.sh"
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$runner" "$image" --timeout 60 >"$out" 2>"$err" </dev/null &
pid=$!
# Wait for the prompt (a partial line: it must arrive without its newline).
wait_for "$out" "waiting> " || { echo "no prompt after 30 s"; cat "$out" "$err"; exit 1; }
# QEMU is uniarm-run's child (found in /proc: procps's pgrep is not on a minimal system).
qemu=
# (Processes may end between the glob and the read: their errors are not the test's.)
for stat in /proc/[0-9]*/stat; do
	{ read -r p _ _ ppid _ <"$stat"; } 2>/dev/null && [ "$ppid" = "$pid" ] && qemu=$p
done
if [ "$who" = runner ]; then
	kill -"$sig" "$pid"
else
	kill -"$sig" "$qemu"
fi
wait "$pid"
status=$?
sleep 0.2
if [ -n "$qemu" ] && kill -0 "$qemu" 2>/dev/null; then
	echo "QEMU (pid $qemu) still running"
	kill -9 "$qemu"
fi
cat "$out" "$err"
echo "exit status $status"
