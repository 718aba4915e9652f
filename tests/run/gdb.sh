#!/bin/sh
# uniarm-run's test: under gdb (tools/uniarm.gdb) the application's fatal fault stops at the
# faulting instruction, and "continue" lets the runtime report it and end the run with its
# status. gdb.sh RUNNER GDB SCRIPT IMAGE; prints gdb's and the run's output and the status.
runner=$1 gdb=$2 script=$3 image=$4
out=$(mktemp)
trap 'rm -f "$out"' EXIT
port=$(perl -MSocket -e 'socket(S, PF_INET, SOCK_STREAM, 0) or die;
	bind(S, pack_sockaddr_in(0, INADDR_LOOPBACK)) or die;
	print((sockaddr_in(getsockname(S)))[0])')
"$runner" "$image" --gdb="$port" --timeout 80 </dev/null >"$out" 2>&1 &
pid=$!
hexport=$(printf '%04X' "$port")
i=0
until grep -q ":$hexport 00000000:0000 0A" /proc/net/tcp; do
	i=$((i + 1))
	[ $i -gt 300 ] && { echo "QEMU does not listen on $port"; cat "$out"; exit 1; }
	sleep 0.1
done
"$gdb" -batch -nx -x "$script" -ex "target remote 127.0.0.1:$port" -ex continue \
	-ex bt -ex 'x/i $pc' -ex continue "$image" 2>&1
wait $pid
status=$?
cat "$out"
echo "exit status $status"
