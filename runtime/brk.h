/* The application's heap break. */
#ifndef UNIARM_RUNTIME_BRK_H
#define UNIARM_RUNTIME_BRK_H

void brk_init(unsigned long start, unsigned long end);

#endif
