/*
 * How signals end the application (issue 13); the mode (first argument) picks the case:
 *   default-SIG<NAME>       raise(SIG<NAME>) with its default action: the terminating ones
 *                           end the application (uniarm: status 128 + N), the ones ignored by
 *                           default (SIGCHLD, SIGCONT, SIGURG, SIGWINCH) and the stop signals
 *                           other than SIGSTOP (SIGTSTP, SIGTTIN, SIGTTOU: discarded, as Linux
 *                           does in an orphaned process group) let raise return: status 0
 *   default-rt40, -rt64     real-time signals 40 and 64 (SIGRTMAX): terminate (168, 192)
 *   default-SIGSTOP         stops the process (Linux only: the driver continues it)
 *   kill-blocked            SIGKILL in the mask changes nothing: raise(SIGKILL) ends it (137)
 *   pending-then-unblocked  SIGTERM blocked, raised, the program goes on; unblocking ends it
 *   resethand               an SA_RESETHAND handler for SIGUSR1 runs once; the second
 *                           SIGUSR1 gets the default action (138)
 *   handler-exit            a handler calls _exit(7): status 7
 *   abort                   abort(): 134
 *   abort-handler-returns   a SIGABRT handler that returns: abort still ends it (134)
 *   abort-ignored           SIGABRT ignored: abort still ends it (134)
 *   stack-overflow          endless recursion on the main stack, no handler: 139
 *   stack-overflow-handler  the same with a SIGSEGV handler but no alternate stack: the
 *                           handler cannot run (no stack for its frame): 139
 *   segv-blocked            SIGSEGV blocked (with a handler), then a fault: 139
 *   segv-ignored            SIGSEGV ignored, then a fault: 139
 *   segv-in-handler         the SIGSEGV handler faults in turn: 139
 *   bad-altstack            an SA_ONSTACK handler whose alternate stack is PROT_NONE: the
 *                           frame cannot be written, SIGSEGV: 139
 *   sigbus                  an unaligned LDREX, no handler: SIGBUS, 135
 *   thread-SIGTERM          pthread_kill(thread, SIGTERM) while main waits in pthread_join:
 *                           the whole process ends (143)
 * Each prints what it is about to do; nothing after the fatal step may print. On Linux, run with
 * no argument (as run-c.sh runs it), it forks one child per mode and checks how each ended
 * (killed by the signal: the end uniarm gives with status 128 + N; or the exit status), and
 * whether the handlers that must run (or must not) did, then prints "N passed, M failed".
 */
#include "sig_check.h"

/* Where handlers record that they ran: a shared page on Linux (the driver reads it after
 * the child ended), a static on uniarm. */
struct shared {
	volatile int handler_ran;
};
static struct shared own, *shared = &own;

static void say(const char *mode, const char *what)
{
	printf("signals_fatal: %s: %s\n", mode, what);
	fflush(stdout);
}

/* write(2) only: what a handler may call. */
static void say_raw(const char *s)
{
	ssize_t r = write(1, s, strlen(s));
	(void)r;
}

static void noting_handler(int sig)
{
	(void)sig;
	shared->handler_ran++;
	say_raw("signals_fatal: the handler ran\n");
}

static void exiting_handler(int sig)
{
	(void)sig;
	shared->handler_ran++;
	say_raw("signals_fatal: the handler calls _exit(7)\n");
	_exit(7);
}

static void faulting_handler(int sig)
{
	(void)sig;
	shared->handler_ran++;
	say_raw("signals_fatal: the SIGSEGV handler faults\n");
	*(volatile int *)(uintptr_t)0x20 = 1;
	say_raw("signals_fatal: the handler's fault did not end it\n");
}

static __attribute__((noinline)) unsigned long recurse(unsigned long n)
{
	volatile unsigned char frame[1024];

	if (n == ~0UL) /* never: keeps the compiler from calling the endless recursion a bug */
		return 0;
	frame[0] = (unsigned char)n;
	frame[sizeof(frame) - 1] = (unsigned char)n;
	return recurse(n + 1) + frame[0] + frame[sizeof(frame) - 1];
}

__asm__(".pushsection .text\n"
	".arm\n"
	".balign 4\n"
	".global fatal_ldrex\n"
	".type fatal_ldrex, %function\n"
	"fatal_ldrex:\n"
	"	ldrex r0, [r0]\n"
	"	clrex\n"
	"	bx lr\n"
	".popsection\n");
unsigned long fatal_ldrex(const volatile void *p);

static void *sleep_forever(void *arg)
{
	(void)arg;
	for (;;)
		sleep_ms(1000);
	return NULL;
}

/* The standard signals by name: number, and whether the default action ends the process. */
static const struct {
	const char *name;
	int sig, terminates;
} sigs[] = {
	{"SIGHUP", SIGHUP, 1},	     {"SIGINT", SIGINT, 1},   {"SIGQUIT", SIGQUIT, 1},
	{"SIGILL", SIGILL, 1},	     {"SIGTRAP", SIGTRAP, 1}, {"SIGABRT", SIGABRT, 1},
	{"SIGBUS", SIGBUS, 1},	     {"SIGFPE", SIGFPE, 1},   {"SIGKILL", SIGKILL, 1},
	{"SIGUSR1", SIGUSR1, 1},     {"SIGSEGV", SIGSEGV, 1}, {"SIGUSR2", SIGUSR2, 1},
	{"SIGPIPE", SIGPIPE, 1},     {"SIGALRM", SIGALRM, 1}, {"SIGTERM", SIGTERM, 1},
	{"SIGSTKFLT", SIGSTKFLT, 1}, {"SIGCHLD", SIGCHLD, 0}, {"SIGCONT", SIGCONT, 0},
	{"SIGTSTP", SIGTSTP, 0},     {"SIGTTIN", SIGTTIN, 0}, {"SIGTTOU", SIGTTOU, 0},
	{"SIGURG", SIGURG, 0},	     {"SIGXCPU", SIGXCPU, 1}, {"SIGXFSZ", SIGXFSZ, 1},
	{"SIGVTALRM", SIGVTALRM, 1}, {"SIGPROF", SIGPROF, 1}, {"SIGWINCH", SIGWINCH, 0},
	{"SIGIO", SIGIO, 1},	     {"SIGPWR", SIGPWR, 1},   {"SIGSYS", SIGSYS, 1},
};
#define NSIGS (sizeof(sigs) / sizeof(sigs[0]))

static int run_default(const char *mode, int sig)
{
	char line[80];

	signal(sig, SIG_DFL);
	unblock(sig);
	snprintf(line, sizeof(line), "raise(%s) with its default action", signame(sig));
	say(mode, line);
	raise(sig);
	say(mode, "raise returned");
	return 0;
}

static int run_mode(const char *mode)
{
	stack_t ss;

	if (!strncmp(mode, "default-SIG", 11)) {
		for (unsigned i = 0; i < NSIGS; i++)
			if (!strcmp(mode + 8, sigs[i].name))
				return run_default(mode, sigs[i].sig);
		if (!strcmp(mode, "default-SIGSTOP"))
			return run_default(mode, SIGSTOP);
	} else if (!strcmp(mode, "default-rt40")) {
		return run_default(mode, 40);
	} else if (!strcmp(mode, "default-rt64")) {
		return run_default(mode, 64);
	} else if (!strcmp(mode, "kill-blocked")) {
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, NULL);
		say(mode, "raise(SIGKILL) with every signal blocked");
		raise(SIGKILL);
	} else if (!strcmp(mode, "pending-then-unblocked")) {
		signal(SIGTERM, SIG_DFL);
		block(SIGTERM);
		raise(SIGTERM);
		say(mode, "SIGTERM is pending, the program goes on");
		say(mode, "unblocking SIGTERM");
		unblock(SIGTERM);
	} else if (!strcmp(mode, "resethand")) {
		on_signal_plain(SIGUSR1, noting_handler, SA_RESETHAND);
		say(mode, "raise(SIGUSR1) twice with an SA_RESETHAND handler");
		raise(SIGUSR1);
		raise(SIGUSR1);
	} else if (!strcmp(mode, "handler-exit")) {
		on_signal_plain(SIGUSR1, exiting_handler, 0);
		say(mode, "raise(SIGUSR1), whose handler calls _exit(7)");
		raise(SIGUSR1);
	} else if (!strcmp(mode, "abort")) {
		say(mode, "abort()");
		abort();
	} else if (!strcmp(mode, "abort-handler-returns")) {
		on_signal_plain(SIGABRT, noting_handler, 0);
		say(mode, "abort() with a SIGABRT handler that returns");
		abort();
	} else if (!strcmp(mode, "abort-ignored")) {
		signal(SIGABRT, SIG_IGN);
		say(mode, "abort() with SIGABRT ignored");
		abort();
	} else if (!strcmp(mode, "stack-overflow")) {
		say(mode, "endless recursion on the main stack");
		printf("recursion returned %lu\n", recurse(0));
	} else if (!strcmp(mode, "stack-overflow-handler")) {
		on_signal_plain(SIGSEGV, noting_handler, 0);
		say(mode, "endless recursion, a SIGSEGV handler, no alternate stack");
		printf("recursion returned %lu\n", recurse(0));
	} else if (!strcmp(mode, "segv-blocked")) {
		on_signal_plain(SIGSEGV, noting_handler, 0);
		block(SIGSEGV);
		say(mode, "a write to NULL with SIGSEGV blocked");
		*(volatile int *)(uintptr_t)0 = 1;
	} else if (!strcmp(mode, "segv-ignored")) {
		signal(SIGSEGV, SIG_IGN);
		say(mode, "a write to NULL with SIGSEGV ignored");
		*(volatile int *)(uintptr_t)0 = 1;
	} else if (!strcmp(mode, "segv-in-handler")) {
		on_signal_plain(SIGSEGV, faulting_handler, 0);
		say(mode, "a write to NULL; the handler faults too");
		*(volatile int *)(uintptr_t)0 = 1;
	} else if (!strcmp(mode, "bad-altstack")) {
		ss.ss_sp = map_or_die(NULL, 4 * PG, PROT_NONE, ANON_PRIV);
		ss.ss_size = 4 * PG;
		ss.ss_flags = 0;
		sigaltstack(&ss, NULL);
		on_signal_plain(SIGUSR1, noting_handler, SA_ONSTACK);
		say(mode, "raise(SIGUSR1) with its handler's alternate stack PROT_NONE");
		raise(SIGUSR1);
	} else if (!strcmp(mode, "sigbus")) {
		static uint32_t words[2] __attribute__((aligned(8)));
		say(mode, "an unaligned LDREX");
		fatal_ldrex((char *)words + 2);
	} else if (!strcmp(mode, "thread-SIGTERM")) {
		pthread_t t = spawn(sleep_forever, NULL);
		signal(SIGTERM, SIG_DFL);
		say(mode, "pthread_kill(thread, SIGTERM) while main waits in pthread_join");
		pthread_kill(t, SIGTERM);
		pthread_join(t, NULL);
	} else {
		printf("signals_fatal: unknown mode %s\n", mode);
		return 2;
	}
	say(mode, "survived");
	return 1;
}

#ifdef __linux__
struct expect {
	const char *mode;
	int sig;	 /* killed by it, or 0 */
	int status;	 /* else this exit status */
	int handler_ran; /* times the handler must have run (-1: not checked) */
};

static void expect_one(const struct expect *e)
{
	char name[96];
	int status = 0;
	pid_t pid;

	shared->handler_ran = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		alarm(20); /* a hang ends as SIGALRM, a failure */
		_exit(run_mode(e->mode));
	}
	MUST("fork", pid > 0);
	if (!strcmp(e->mode, "default-SIGSTOP")) {
		waitpid(pid, &status, WUNTRACED);
		snprintf(name, sizeof(name), "fatal.%s.stopped", e->mode);
		CHECK(name, WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status %#x",
		      status);
		kill(pid, SIGCONT);
	}
	waitpid(pid, &status, 0);
	snprintf(name, sizeof(name), "fatal.%s", e->mode);
	if (e->sig)
		CHECK(name, WIFSIGNALED(status) && WTERMSIG(status) == e->sig,
		      "status %#x (%s %d), expected death by %s", status,
		      WIFSIGNALED(status) ? "signal" : "exit",
		      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
		      signame(e->sig));
	else
		CHECK(name, WIFEXITED(status) && WEXITSTATUS(status) == e->status,
		      "status %#x (%s %d), expected exit status %d", status,
		      WIFSIGNALED(status) ? "signal" : "exit",
		      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), e->status);
	if (e->handler_ran >= 0) {
		snprintf(name, sizeof(name), "fatal.%s.handler_ran", e->mode);
		CHECK_EQ(name, shared->handler_ran, e->handler_ran);
	}
}

static void run_all(void)
{
	static const struct expect cases[] = {
		{"default-rt40", 40, 0, -1},
		{"default-rt64", 64, 0, -1},
		{"default-SIGSTOP", 0, 0, -1},
		{"kill-blocked", SIGKILL, 0, -1},
		{"pending-then-unblocked", SIGTERM, 0, -1},
		{"resethand", SIGUSR1, 0, 1},
		{"handler-exit", 0, 7, 1},
		{"abort", SIGABRT, 0, -1},
		{"abort-handler-returns", SIGABRT, 0, 1},
		{"abort-ignored", SIGABRT, 0, -1},
		{"stack-overflow", SIGSEGV, 0, -1},
		{"stack-overflow-handler", SIGSEGV, 0, 0},
		{"segv-blocked", SIGSEGV, 0, 0},
		{"segv-ignored", SIGSEGV, 0, -1},
		{"segv-in-handler", SIGSEGV, 0, 1},
		{"bad-altstack", SIGSEGV, 0, 0},
		{"sigbus", SIGBUS, 0, -1},
		{"thread-SIGTERM", SIGTERM, 0, -1},
	};
	struct shared *s = mmap(NULL, PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	MUST("mmap shared", s != MAP_FAILED);
	shared = s;
	for (unsigned i = 0; i < NSIGS; i++) {
		char mode[32];
		struct expect e = {mode, sigs[i].terminates ? sigs[i].sig : 0, 0, -1};
		snprintf(mode, sizeof(mode), "default-%s", sigs[i].name);
		expect_one(&e);
	}
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_one(&cases[i]);
}
#endif

int main(int argc, char **argv)
{
#ifdef __linux__
	if (argc < 2) {
		run_all();
		return t_finish();
	}
#endif
	return run_mode(argc > 1 ? argv[1] : "abort");
}
