/*
 * Tests of the runtime itself (uniarm_add_ktest) run inside the runtime, at PL1, instead of an
 * application: their code calls the runtime's internal interfaces and is linked into the
 * runtime's side of the image (docs/pl0.md). The test's own main is the entry point: the
 * runtime has none of its own (an application's main is in the application's file, out of the
 * runtime's link), so a main in the runtime's link is what makes an image a ktest image, and
 * reports name it as the test wrote it.
 */
#ifndef UNIARM_RUNTIME_KTEST_H
#define UNIARM_RUNTIME_KTEST_H

/* The test's main (weak: an application image has none in the runtime's link). */
extern int main(int argc, char **argv) __attribute__((weak));

/*
 * Run main(argc, argv) in SYS mode (the context a system call runs in, with interrupts
 * on) on the application's stack VMA, with application memory open to it (a test may touch
 * the VMAs it makes); its return value ends the machine as an application's exit status.
 */
__attribute__((noreturn)) void run_ktest(int argc, char **argv);

#endif
