# Sourced by the uniarm-run tests: wait_for FILE PATTERN waits (up to 30 s) until FILE holds a
# line matching PATTERN (grep -E); wait_for_listen PORT until a TCP socket listens on PORT.
# Both return 1 on time out.
wait_for() {
	_i=0
	until grep -qE "$2" "$1"; do
		_i=$((_i + 1))
		[ $_i -gt 300 ] && return 1
		sleep 0.1
	done
}

wait_for_listen() {
	wait_for /proc/net/tcp ":$(printf '%04X' "$1") 00000000:0000 0A"
}
