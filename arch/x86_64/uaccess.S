/*
 * uaccess.S: copying to and from user memory, surviving faults.
 *
 * If one of these instructions faults on an address the process may not
 * use, the page-fault handler (trap.c) moves rip to the routine's fixup
 * label, which returns the failure. SMAP (if on) is lifted with stac for
 * exactly the duration of the copy.
 */
    .text
    .global uaccess_begin, uaccess_end
    .global arch_copy_user, arch_clear_user, arch_strncpy_user
    .global uaccess_fixup_count, uaccess_fixup_string, uaccess_fixup_words

uaccess_begin:

/* size_t arch_copy_user(void *dst, const void *src, size_t n): bytes NOT copied */
arch_copy_user:
    movq %rdx, %rcx
    shrq $3, %rcx               /* whole 8-byte words first: far fewer */
    andl $7, %edx               /* iterations for an emulator (TCG) */
    call smap_open
    .global uaccess_copy_words
uaccess_copy_words:
    rep movsq                   /* a fault here: rcx*8 + rdx bytes left */
    movq %rdx, %rcx
    rep movsb
    call smap_close
    movq %rcx, %rax
    ret

/* size_t arch_clear_user(void *dst, size_t n): bytes NOT cleared */
arch_clear_user:
    movq %rsi, %rcx
    xorl %eax, %eax
    call smap_open
    rep stosb
    call smap_close
    movq %rcx, %rax
    ret

/* long arch_strncpy_user(char *dst, const char *src, size_t max):
 * length copied without the NUL (== max if none found), -1 on a fault */
arch_strncpy_user:
    xorl %eax, %eax
    call smap_open
1:  cmpq %rdx, %rax
    je 2f
    movb (%rsi,%rax), %cl
    movb %cl, (%rdi,%rax)
    testb %cl, %cl
    jz 2f
    incq %rax
    jmp 1b
2:  call smap_close
    ret

/* the page-fault handler resumes here (rcx = bytes left) */
uaccess_fixup_words:            /* ...or here, from the word loop */
    leaq (%rdx,%rcx,8), %rcx
uaccess_fixup_count:
    call smap_close
    movq %rcx, %rax
    ret
uaccess_fixup_string:
    call smap_close
    movq $-1, %rax
    ret

/* stac/clac only where the CPU has SMAP (they are #UD otherwise) */
smap_open:
    testb $1, smap_enabled(%rip)
    jz 3f
    stac
3:  ret
smap_close:
    testb $1, smap_enabled(%rip)
    jz 4f
    clac
4:  ret

uaccess_end:

    .section .note.GNU-stack, "", @progbits
