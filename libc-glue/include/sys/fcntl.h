/*
 * uniarm's <sys/fcntl.h>: <fcntl.h>, as glibc's is. newlib's own (newlib's flag values) must
 * not be reached by any path: <fcntl.h> defines its include guard.
 */
#include <fcntl.h>
