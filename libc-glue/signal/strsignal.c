/*
 * The names of the signals, in glibc's words (Linux's table): strsignal ("Segmentation
 * fault"; "Real-time signal N" for SIGRTMIN + N; "Unknown signal N" otherwise), psignal (on
 * stderr, "s: description"; glibc says "Unknown signal N" there for the real-time ones too),
 * and glibc's sigdescr_np/sigabbrev_np (NULL but for 1-31).
 */
#define _GNU_SOURCE /* sigabbrev_np, sigdescr_np */
#include "libc-glue/signal/signal_impl.h"

#include <stdio.h>
#include <string.h>

static const struct {
	char abbrev[8];
	const char *descr;
} names[32] = {
	[SIGHUP] = {"HUP", "Hangup"},
	[SIGINT] = {"INT", "Interrupt"},
	[SIGQUIT] = {"QUIT", "Quit"},
	[SIGILL] = {"ILL", "Illegal instruction"},
	[SIGTRAP] = {"TRAP", "Trace/breakpoint trap"},
	[SIGABRT] = {"ABRT", "Aborted"},
	[SIGBUS] = {"BUS", "Bus error"},
	[SIGFPE] = {"FPE", "Floating point exception"},
	[SIGKILL] = {"KILL", "Killed"},
	[SIGUSR1] = {"USR1", "User defined signal 1"},
	[SIGSEGV] = {"SEGV", "Segmentation fault"},
	[SIGUSR2] = {"USR2", "User defined signal 2"},
	[SIGPIPE] = {"PIPE", "Broken pipe"},
	[SIGALRM] = {"ALRM", "Alarm clock"},
	[SIGTERM] = {"TERM", "Terminated"},
	[SIGSTKFLT] = {"STKFLT", "Stack fault"},
	[SIGCHLD] = {"CHLD", "Child exited"},
	[SIGCONT] = {"CONT", "Continued"},
	[SIGSTOP] = {"STOP", "Stopped (signal)"},
	[SIGTSTP] = {"TSTP", "Stopped"},
	[SIGTTIN] = {"TTIN", "Stopped (tty input)"},
	[SIGTTOU] = {"TTOU", "Stopped (tty output)"},
	[SIGURG] = {"URG", "Urgent I/O condition"},
	[SIGXCPU] = {"XCPU", "CPU time limit exceeded"},
	[SIGXFSZ] = {"XFSZ", "File size limit exceeded"},
	[SIGVTALRM] = {"VTALRM", "Virtual timer expired"},
	[SIGPROF] = {"PROF", "Profiling timer expired"},
	[SIGWINCH] = {"WINCH", "Window changed"},
	[SIGIO] = {"POLL", "I/O possible"}, /* glibc names 29 by SIGPOLL */
	[SIGPWR] = {"PWR", "Power failure"},
	[SIGSYS] = {"SYS", "Bad system call"},
};

const char *sigdescr_np(int sig)
{
	return sig > 0 && sig < 32 ? names[sig].descr : NULL;
}

const char *sigabbrev_np(int sig)
{
	return sig > 0 && sig < 32 ? names[sig].abbrev : NULL;
}

/* "<prefix><n>" into buf (at least 32 bytes), without printf's weight. */
static char *with_number(char *buf, const char *prefix, int n)
{
	char digits[12], *d = digits + sizeof(digits);
	unsigned int u = n < 0 ? 0u - (unsigned int)n : (unsigned int)n;
	size_t len = strlen(prefix);

	*--d = '\0';
	do
		*--d = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		*--d = '-';
	memcpy(buf, prefix, len);
	strcpy(buf + len, d);
	return buf;
}

char *strsignal(int sig)
{
	static _Thread_local char buf[40]; /* per thread, as glibc's */
	const char *descr = sigdescr_np(sig);

	if (descr)
		return (char *)descr;
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		return with_number(buf, "Real-time signal ", sig - SIGRTMIN);
	return with_number(buf, "Unknown signal ", sig);
}

/* One line, one fputs when it fits (stderr is unbuffered: one write). */
void psignal(int sig, const char *s)
{
	char line[256], num[40];
	const char *descr = sigdescr_np(sig);
	size_t ls = s ? strlen(s) : 0, ld;

	if (!descr)
		descr = with_number(num, "Unknown signal ", sig);
	ld = strlen(descr);
	if (ls + ld + 4 <= sizeof(line)) {
		char *p = line;

		if (ls) {
			memcpy(p, s, ls);
			p += ls;
			*p++ = ':';
			*p++ = ' ';
		}
		memcpy(p, descr, ld);
		p += ld;
		*p++ = '\n';
		*p = '\0';
		fputs(line, stderr);
	} else {
		fputs(s, stderr);
		fputs(": ", stderr);
		fputs(descr, stderr);
		fputc('\n', stderr);
	}
}
