/*
 * Thread-specific data. The key table is global: a key's sequence number is odd while the key
 * exists, and each thread's value carries the number it was set under, so that a value left
 * from a deleted key never shows through a new key of the same index (glibc's scheme). At
 * thread exit up to PTHREAD_DESTRUCTOR_ITERATIONS rounds call the destructors of the non-NULL
 * values (the value is cleared before its destructor runs).
 */
#include "libc-glue/pthread/pthread_impl.h"

static struct {
	volatile unsigned int seq;
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];
static volatile int keys_lock;

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	__ll_lock(&keys_lock, LINUX_FUTEX_PRIVATE_FLAG);
	for (unsigned int i = 0; i < PTHREAD_KEYS_MAX; i++) {
		if (keys[i].seq & 1)
			continue;
		keys[i].destructor = destructor;
		__atomic_store_n(&keys[i].seq, keys[i].seq + 1, __ATOMIC_RELEASE);
		__ll_unlock(&keys_lock, LINUX_FUTEX_PRIVATE_FLAG);
		*key = i;
		return 0;
	}
	__ll_unlock(&keys_lock, LINUX_FUTEX_PRIVATE_FLAG);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	int r = EINVAL;

	__ll_lock(&keys_lock, LINUX_FUTEX_PRIVATE_FLAG);
	if (key < PTHREAD_KEYS_MAX && keys[key].seq & 1) {
		__atomic_store_n(&keys[key].seq, keys[key].seq + 1, __ATOMIC_RELEASE);
		r = 0;
	}
	__ll_unlock(&keys_lock, LINUX_FUTEX_PRIVATE_FLAG);
	return r;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct pthread_key_value *kv;

	if (key >= PTHREAD_KEYS_MAX)
		return 0;
	kv = &__pthread_self()->keys[key];
	return kv->seq == keys[key].seq ? kv->value : 0;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct pthread_key_value *kv;
	unsigned int seq;

	if (key >= PTHREAD_KEYS_MAX || !((seq = keys[key].seq) & 1))
		return EINVAL;
	kv = &__pthread_self()->keys[key];
	kv->seq = seq;
	kv->value = (void *)value;
	return 0;
}

void __pthread_tsd_run_dtors(struct pthread *self)
{
	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		int called = 0;

		for (unsigned int i = 0; i < PTHREAD_KEYS_MAX; i++) {
			struct pthread_key_value *kv = &self->keys[i];
			unsigned int seq = __atomic_load_n(&keys[i].seq, __ATOMIC_ACQUIRE);
			void (*destructor)(void *) = keys[i].destructor;
			void *value = kv->value;

			if (!value || kv->seq != seq || !(seq & 1))
				continue;
			kv->value = 0;
			if (destructor) {
				destructor(value);
				called = 1;
			}
		}
		if (!called)
			return;
	}
}
