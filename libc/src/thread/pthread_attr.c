/* pthread_attr.c: thread attributes, the options pthread_create reads:
 * detach state, stack size, guard size, a caller-supplied stack. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>

#include "internal/libc.h"

int pthread_attr_init(pthread_attr_t *attr)
{
	if (!attr)
		return EINVAL;
	memset(attr, 0, sizeof *attr);
	attr->__valid = 1;
	attr->__guardsize = __page_size();
	return 0;
}

/* A destroyed attribute object is refused by pthread_create and the
 * setters until it is initialised again. */
int pthread_attr_destroy(pthread_attr_t *attr)
{
	if (!attr || !attr->__valid)
		return EINVAL;
	attr->__valid = 0;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (!attr || !attr->__valid ||
	    (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED))
		return EINVAL;
	attr->__detach = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	if (!attr || !attr->__valid || !state)
		return EINVAL;
	*state = attr->__detach;
	return 0;
}

/* 0 in __stacksize means "the default", which getstacksize reports. */
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (!attr || !attr->__valid || size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stacksize = size;
	attr->__stackaddr = NULL;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict attr, size_t *restrict size)
{
	if (!attr || !attr->__valid || !size)
		return EINVAL;
	*size = attr->__stacksize ? attr->__stacksize : 2UL << 20;
	return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	if (!attr || !attr->__valid)
		return EINVAL;
	attr->__guardsize = size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *restrict attr, size_t *restrict size)
{
	if (!attr || !attr->__valid || !size)
		return EINVAL;
	*size = attr->__guardsize;
	return 0;
}

/* The thread runs on [ADDR, ADDR + SIZE); its TLS and control block
 * are carved from the top of that memory, which the caller owns and
 * frees (after pthread_join) itself. */
int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size)
{
	if (!attr || !attr->__valid || !addr || size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stackaddr = addr;
	attr->__stacksize = size;
	return 0;
}

int pthread_attr_getstack(const pthread_attr_t *restrict attr, void **restrict addr,
			  size_t *restrict size)
{
	if (!attr || !attr->__valid || !addr || !size)
		return EINVAL;
	*addr = attr->__stackaddr;
	*size = attr->__stacksize;
	return 0;
}

/* Every thread is a kernel task scheduled with all others: system
 * scope is the only one there is (as on Linux). */
int pthread_attr_setscope(pthread_attr_t *attr, int scope)
{
	if (!attr || !attr->__valid)
		return EINVAL;
	if (scope == PTHREAD_SCOPE_PROCESS)
		return ENOTSUP;
	if (scope != PTHREAD_SCOPE_SYSTEM)
		return EINVAL;
	return 0;
}

int pthread_attr_getscope(const pthread_attr_t *restrict attr, int *restrict scope)
{
	if (!attr || !attr->__valid || !scope)
		return EINVAL;
	*scope = PTHREAD_SCOPE_SYSTEM;
	return 0;
}
