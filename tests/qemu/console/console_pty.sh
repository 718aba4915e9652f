#!/usr/bin/env bash
# console_pty.sh RUN IMAGE: boots IMAGE (tests/qemu/console/tty_keys.c) with RUN
# (tools/uniarm-run) on a pseudo-terminal, as a user at a terminal would, and types at it:
# echo, erase (DEL, BS, ^U, ^W, a tab), ^R, ^V, ^D at the start of a line and after text,
# keys without ICANON/ECHO (TCSETS), ^C while it computes and while it reads (status 130),
# ^\ (131). Every key is sent only after the output the previous one should cause has
# arrived, so a slow machine makes the test slower, not flaky. Needs `script` (bsdutils).
set -u
run=$1 image=$2
command -v script >/dev/null || { echo "console_pty: no 'script' (bsdutils): skipped"; exit 77; }
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

fail() {
	echo "console_pty: $step: $*"
	echo "--- output so far (cat -v):"
	cat -v "$dir/out"
	exit 1
}

# start ARGS: boot the image with these boot arguments on a new pty; output to $dir/out.
start() {
	step="start $1"
	rm -f "$dir/in"
	mkfifo "$dir/in"
	: >"$dir/out"
	script -qefc "$run $image --timeout 60 --append '$1'" /dev/null <"$dir/in" >"$dir/out" 2>&1 &
	pid=$!
	# Kept open until the run ends: on end of input, script would type a ^D.
	exec 3>"$dir/in"
	expect "ready"
}

# expect STR: wait up to 60 s until the output, its \r removed, contains STR.
expect() {
	local out i
	for ((i = 0; i < 600; i++)); do
		out=$(cat "$dir/out"; echo x)
		out=${out//$'\r'/}
		[[ $out == *"$1"* ]] && return 0
		sleep 0.1
	done
	fail "no '$(printf %s "$1" | cat -v)' in the output"
}

# send KEYS (printf format) EXPECTED...: type, then wait for each expected string.
send() {
	step="send '$(printf "$1" | cat -v)'"
	printf "$1" >&3
	shift
	for s in "$@"; do
		expect "$(printf "$s")"
	done
}

# finish STATUS: the run ends with STATUS.
finish() {
	local rc
	wait "$pid"
	rc=$?
	pid=
	exec 3>&-
	[ "$rc" = "$1" ] || fail "exit status $rc, expected $1"
}

# Canonical mode: one line per read, echo, erase, EOF. (A typed Ctrl-A is QEMU's escape: Ctrl-A
# Ctrl-A gives the guest one.)
start "lines"
send 'abx\177c\r' 'abx\b \bc\nread 1: <abc\\n>\n'
send '\004' 'read 2: EOF\n'
send 'zz\004' 'zzread 3: <zz>\n'
send 'foo bar\027baz\r' 'foo bar\b \b\b \b\b \bbaz\nread 4: <foo baz\\n>\n'
send 'xyz\025ok\r' 'xyz\b \b\b \b\b \bok\nread 5: <ok\\n>\n'
send 'a\tb\177\177c\r' 'a\tb\b \b\b\b\b\b\b\b\bc\nread 6: <ac\\n>\n'
send '\001\001\033[A\r' '^A^[[A\nread 7: <\\x01\\x1b[A\\n>\n'
send '\026\003\r' '^\b^C\nread 8: <\\x03\\n>\n'
send 'ab\022c\r' 'ab^R\nabc\nread 9: <abc\\n>\n'
send 'q\bw\r' 'q\b \bw\nread 10: <w\\n>\n'
send '\004' 'read 11: EOF\n'
finish 0

# A line read in pieces: the ^D that ends it is no end of file; then ^C while reading.
start "lines 2"
send 'abcd\004' 'read 1: <ab>\n' 'read 2: <cd>\n'
send '\r' 'read 3: <\\n>\n'
send '\003' '^C'
finish 130

# ICANON and ECHO off: every key as it comes, no echo; ISIG stays; then canonical again.
start "keys"
expect "lflag 105073 min 1"
send 'x' 'ready\nkey: 78\n'
send '\177' 'key: 7f\n'
send '\004' 'key: 04\n'
send '\r' 'key: 0a\n'
send 'q' 'key: 71\ncanonical again\nready\n'
send 'hi\r' 'hi\nread 1: <hi\\n>\n'
send '\034' '^\\'
finish 131

# ^C while the application computes.
start "busy"
send '\003' '^C'
finish 130
echo "console_pty: all passed"
