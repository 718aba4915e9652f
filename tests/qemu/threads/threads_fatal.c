/*
 * How a threaded application ends (issue 12); the mode (first argument) picks the case:
 *   segv              a thread writes to NULL while main waits in pthread_join: the whole
 *                     application ends with a segmentation fault (status 139)
 *   stack-overflow    a thread with a 256 KiB stack recurses without end: a segmentation fault
 *                     (139), not a silent overrun into other memory
 *   exit              a thread calls exit(42) while main waits in pthread_join and another
 *                     thread sleeps: everything ends, status 42
 *   main-returns      main returns 7 while a thread spins: status 7
 *   main-pthread-exit main calls pthread_exit; the application lives on until its last thread
 *                     ends (status 0), which prints a line first
 * Each prints what it is about to do; nothing after the fatal step may print. On Linux, run with
 * no argument (as run-c.sh runs it), it forks one child per mode and checks each one's end
 * (SIGSEGV for the first two: the end uniarm gives with status 139), then prints
 * "N passed, M failed".
 */
#include "thr_check.h"

static void say(const char *fmt, const char *arg)
{
	printf(fmt, arg);
	printf("\n");
	fflush(stdout);
}

static void *write_null(void *arg)
{
	(void)arg;
	sleep_ms(20); /* main is in pthread_join by now */
	say("threads_fatal: %s: a thread writes to NULL", "segv");
	*(volatile int *)(uintptr_t)arg = 1;
	say("threads_fatal: %s: the write did not fault", "segv");
	return NULL;
}

static __attribute__((noinline)) unsigned long recurse(unsigned long n)
{
	volatile unsigned char frame[1024];

	if (n == ~0UL) /* never: keeps the compiler from calling this endless recursion a bug */
		return 0;
	frame[0] = (unsigned char)n;
	frame[sizeof(frame) - 1] = (unsigned char)n;
	return recurse(n + 1) + frame[0] + frame[sizeof(frame) - 1];
}

static void *overflow(void *arg)
{
	(void)arg;
	say("threads_fatal: %s: a thread recurses past its 256 KiB stack", "stack-overflow");
	unsigned long r = recurse(0);
	printf("threads_fatal: stack-overflow: recursion returned %lu\n", r);
	return NULL;
}

static void *sleep_forever(void *arg)
{
	(void)arg;
	for (;;)
		sleep_ms(1000);
	return NULL;
}

static void *exit_42(void *arg)
{
	(void)arg;
	sleep_ms(20);
	say("threads_fatal: %s: a thread calls exit(42)", "exit");
	exit(42);
}

static volatile int spin_started;

static void *spin(void *arg)
{
	(void)arg;
	spin_started = 1;
	for (;;)
		__asm__ volatile("" ::: "memory");
	return NULL;
}

static void *outlive_main(void *arg)
{
	(void)arg;
	sleep_ms(50);
	say("threads_fatal: %s: the last thread still runs after main's pthread_exit",
	    "main-pthread-exit");
	return NULL;
}

static int run_mode(const char *mode)
{
	pthread_t t, u;

	if (!strcmp(mode, "segv")) {
		t = spawn(write_null, NULL);
		pthread_join(t, NULL);
	} else if (!strcmp(mode, "stack-overflow")) {
		pthread_attr_t a;
		pthread_attr_init(&a);
		pthread_attr_setstacksize(&a, 256 * KiB);
		MUST_RC("create", pthread_create(&t, &a, overflow, NULL));
		pthread_join(t, NULL);
	} else if (!strcmp(mode, "exit")) {
		u = spawn(sleep_forever, NULL);
		t = spawn(exit_42, NULL);
		pthread_join(u, NULL);
	} else if (!strcmp(mode, "main-returns")) {
		spawn(spin, NULL);
		WAIT_FOR(spin_started, 5000);
		say("threads_fatal: %s: main returns 7 while a thread spins", "main-returns");
		return 7;
	} else if (!strcmp(mode, "main-pthread-exit")) {
		spawn(outlive_main, NULL);
		say("threads_fatal: %s: main calls pthread_exit", "main-pthread-exit");
		pthread_exit(NULL);
	} else {
		printf("threads_fatal: unknown mode %s\n", mode);
		return 2;
	}
	say("threads_fatal: %s: main carried on", mode);
	return 1;
}

#ifdef __linux__
#include <signal.h>
#include <sys/wait.h>

static void run_all(void)
{
	static const struct {
		const char *mode;
		int sig, status;
	} cases[] = {
		{"segv", SIGSEGV, 0},	{"stack-overflow", SIGSEGV, 0}, {"exit", 0, 42},
		{"main-returns", 0, 7}, {"main-pthread-exit", 0, 0},
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char name[64];
		int status = 0;
		pid_t pid;

		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			alarm(20); /* a hang ends as SIGALRM, a failure */
			exit(run_mode(cases[i].mode));
		}
		waitpid(pid, &status, 0);
		snprintf(name, sizeof(name), "fatal.%s", cases[i].mode);
		if (cases[i].sig)
			CHECK(name, WIFSIGNALED(status) && WTERMSIG(status) == cases[i].sig,
			      "status %#x, expected death by signal %d", status, cases[i].sig);
		else
			CHECK(name, WIFEXITED(status) && WEXITSTATUS(status) == cases[i].status,
			      "status %#x, expected exit status %d", status, cases[i].status);
	}
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
	return run_mode(argc > 1 ? argv[1] : "segv");
}
