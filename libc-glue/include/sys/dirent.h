/*
 * uniarm's <sys/dirent.h>: <dirent.h>. newlib's is an #error for this target and must not be
 * reached by any path: <dirent.h> defines its include guard.
 */
#include <dirent.h>
