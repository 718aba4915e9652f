/* The application's heap break. */
#ifndef UNIARM_RUNTIME_BRK_H
#define UNIARM_RUNTIME_BRK_H

void brk_init(void);

#endif
