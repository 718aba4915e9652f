/*
 * uniarm's <ucontext.h>: ucontext_t and mcontext_t (<sys/ucontext.h>), what a handler
 * installed with SA_SIGINFO gets as its third argument. getcontext, setcontext, makecontext
 * and swapcontext are not provided.
 */
#ifndef _UCONTEXT_H
#define _UCONTEXT_H

#include <sys/ucontext.h>

#endif
