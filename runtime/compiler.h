/* Compiler hints shared by the runtime. */
#ifndef UNIARM_RUNTIME_COMPILER_H
#define UNIARM_RUNTIME_COMPILER_H

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

#endif
