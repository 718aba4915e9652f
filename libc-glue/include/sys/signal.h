/*
 * uniarm's <sys/signal.h>: <signal.h>, as glibc's is. newlib's own (BSD signal numbers) must
 * not be reached by any path: <signal.h> defines its include guard.
 */
#include <signal.h>
