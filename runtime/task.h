/* The one task uniarm runs: the application. */
#ifndef UNIARM_RUNTIME_TASK_H
#define UNIARM_RUNTIME_TASK_H

struct task {
	int pid;
	const char *comm; /* the application's name */
};

extern struct task current_task;

#endif
