/* sigjmp.c: the C halves of sigsetjmp/siglongjmp; the register saving
 * is in arch/x86_64/setjmp.S. */
#include <setjmp.h>
#include <stddef.h>
#include <signal.h>

/* Tail-called by sigsetjmp after the registers are saved; its return
 * value (0) is sigsetjmp's. */
int __sigsetjmp_save(sigjmp_buf env, int savemask)
{
	sigset_t mask;

	env->__mask_saved = savemask != 0;
	if (savemask) {
		sigprocmask(SIG_BLOCK, NULL, &mask);
		env->__mask = mask.__bits;
	}
	return 0;
}

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__mask_saved) {
		sigset_t mask = {env->__mask};
		sigprocmask(SIG_SETMASK, &mask, NULL);
	}
	longjmp(env->__regs, val);
}
