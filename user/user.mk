# user/user.mk: builds the user programs and the initial RAM disk.
#
# Included by the top Makefile after libc/libc.mk, whose variables it
# uses (LIBC_A, LIBC_CRT0, USER_CC, USER_CFLAGS, USER_LDFLAGS, USER_LIBS).
# Every program is one C file, compiled against our libc and linked
# statically:
#
#     $(USER_CC) $(USER_LDFLAGS) -o prog $(LIBC_CRT0) prog.o $(USER_LIBS)
#
# The linked programs (with debug symbols, for GDB) stay in
# $(BUILD)/user/bin; stripped copies go into the root file-system tree
# $(BUILD)/rootfs, which tools/mkinitrd.py packs into $(BUILD)/initrd.cpio:
#
#     /sbin/init                  user/init.c (PID 1)
#     /sbin/testrunner -> init    init in test mode: runs /test/*, powers off
#     /bin/sh                     user/sh.c and its parts, user/sh_*.c
#                                 (builtins kept in files of their own)
#     /bin/<name>                 user/coreutils/<name>.c   (ls, cat, ...)
#     /bin/<name>_demo            user/demos/<name>_demo.c  (keeps its _demo
#                                 suffix, so "fork_demo" never hides a tool)
#     /test/<name>_test           tests/user/<name>_test.c
#     /bench/<name>               user/bench/<name>.c (make bench)
#     /sbin/benchrunner -> init   init running /bench/* instead
#     /usr/bin -> ../bin          so programs written for Linux find
#                                 /usr/bin/env and friends
#     /etc/*                      copied from user/etc/
#     /tmp /dev /proc /home /extra   empty directories (mount points,
#                                    scratch space)
#
# EXTRA=dir (on the make command line) copies the files of a host folder
# into /extra, keeping their modes, so students can run their own
# programs (built with tools/oscc) without editing any Makefile.
#
# OpenMP programs are those named omp_* or *_omp_* (omp_hello_demo,
# omp_test, ...). They are compiled with $(USER_OMP_CFLAGS) added
# (-fopenmp: the compiler turns each #pragma omp into calls to the
# OpenMP runtime) and linked with $(USER_OMP_LIBS) in place of
# $(USER_LIBS), i.e. with libc.mk's OpenMP runtime ahead of libc.a:
#
#     $(USER_CC) $(USER_CFLAGS) $(USER_OMP_CFLAGS) -c prog.c
#     $(USER_CC) $(USER_LDFLAGS) -o prog $(LIBC_CRT0) prog.o $(USER_OMP_LIBS)
#
# -fopenmp is not given when linking: with it gcc would add the host's
# libgomp, which needs glibc. Until libc provides <omp.h> (USER_OMP
# empty) the OpenMP programs are left out of the build and the image.
#
# Targets: rootfs (the tree), initrd (the archive, $(INITRD)),
# user-programs (just link everything), user-clean.

ROOTFS      := $(BUILD)/rootfs
INITRD      := $(BUILD)/initrd.cpio
UOBJ        := $(BUILD)/user/obj
UBIN        := $(BUILD)/user/bin
EXTRA       ?=

# Defaults, in case this file is used without libc.mk's definitions.
USER_CC     ?= $(CROSS)$(CC)
USER_LIBS   ?= $(LIBC_A)
USER_OMP_CFLAGS ?= -fopenmp
USER_OMP_LIBS   ?= $(USER_LIBS)
USER_OMP        ?= $(if $(wildcard libc/include/omp.h),yes)
USER_STRIP  ?= $(CROSS)objcopy --strip-debug
PYTHON      ?= python3

USER_COREUTILS := $(sort $(basename $(notdir $(wildcard user/coreutils/*.c))))
USER_DEMOS     := $(sort $(basename $(notdir $(wildcard user/demos/*.c))))
USER_TESTS     := $(sort $(basename $(notdir $(wildcard tests/user/*.c))))
USER_BENCH     := $(sort $(basename $(notdir $(wildcard user/bench/*.c))))

# The OpenMP programs (see above), left out when USER_OMP is empty.
USER_OMP_PROGS := $(filter omp_% %_omp_%,$(USER_DEMOS) $(USER_TESTS))
ifneq ($(USER_OMP),yes)
USER_DEMOS     := $(filter-out $(USER_OMP_PROGS),$(USER_DEMOS))
USER_TESTS     := $(filter-out $(USER_OMP_PROGS),$(USER_TESTS))
USER_OMP_PROGS :=
endif

# name -> source file, for every program
USER_PROGS := init sh $(USER_COREUTILS) $(USER_DEMOS) $(USER_TESTS) $(USER_BENCH)
user_src    = $(firstword $(wildcard user/$(1).c user/coreutils/$(1).c \
                            user/demos/$(1).c tests/user/$(1).c user/bench/$(1).c))

USER_ELFS  := $(addprefix $(UBIN)/,$(USER_PROGS))
USER_OBJS  := $(addprefix $(UOBJ)/,$(addsuffix .o,$(USER_PROGS)))

# $(call user_cflags,NAME), $(call user_libs,NAME): how program NAME is
# compiled and what it links with (more for an OpenMP program).
user_cflags = $(USER_CFLAGS)$(if $(filter $(1),$(USER_OMP_PROGS)), $(USER_OMP_CFLAGS))
user_libs   = $(if $(filter $(1),$(USER_OMP_PROGS)),$(USER_OMP_LIBS),$(USER_LIBS))

ROOTFS_FILES := $(ROOTFS)/sbin/init $(ROOTFS)/bin/sh \
                $(addprefix $(ROOTFS)/bin/,$(USER_COREUTILS) $(USER_DEMOS)) \
                $(addprefix $(ROOTFS)/test/,$(USER_TESTS)) \
                $(addprefix $(ROOTFS)/bench/,$(USER_BENCH))
ROOTFS_ETC   := $(patsubst user/etc/%,$(ROOTFS)/etc/%,$(wildcard user/etc/*))
ROOTFS_DIRS  := bin sbin etc tmp dev home proc test bench extra usr

.PHONY: rootfs initrd user-programs user-clean FORCE
rootfs: $(ROOTFS_FILES) $(ROOTFS_ETC) $(BUILD)/user/skeleton.stamp
initrd: $(INITRD)
# Naming the linked programs here also keeps make from deleting them as
# "intermediate" files after copying them into the tree.
user-programs: $(USER_ELFS)

# Compile: one object per program. -MD -MP: header dependencies (-MD, not
# -MMD, so that the libc headers, reached through -isystem, count too).
# Each program's object is named after the program, so the rule is
# spelled out per program (the sources live in four directories).
define user_compile_rule
$(UOBJ)/$(1).o: $(call user_src,$(1))
	@mkdir -p $$(@D)
	$$(USER_CC) $$(call user_cflags,$(1)) -MD -MP -c $$< -o $$@
endef
$(foreach p,$(USER_PROGS),$(eval $(call user_compile_rule,$(p))))

# The shell's parts (user/sh_*.c): compiled on their own, linked into sh.
USER_SH_PARTS := $(patsubst user/%.c,$(UOBJ)/sh_parts/%.o,$(wildcard user/sh_*.c))
$(UOBJ)/sh_parts/%.o: user/%.c
	@mkdir -p $(@D)
	$(USER_CC) $(USER_CFLAGS) -MD -MP -c $< -o $@
$(UBIN)/sh: $(UOBJ)/sh.o $(USER_SH_PARTS) $(LIBC_CRT0) $(LIBC_A)
	@mkdir -p $(@D)
	$(USER_CC) $(USER_LDFLAGS) -o $@ $(LIBC_CRT0) $(UOBJ)/sh.o $(USER_SH_PARTS) $(USER_LIBS)

# Link against our libc (and the OpenMP runtime, for OpenMP programs,
# which must exist first).
$(addprefix $(UBIN)/,$(USER_OMP_PROGS)): $(filter %.a,$(USER_OMP_LIBS))
$(UBIN)/%: $(UOBJ)/%.o $(LIBC_CRT0) $(LIBC_A)
	@mkdir -p $(@D)
	$(USER_CC) $(USER_LDFLAGS) -o $@ $(LIBC_CRT0) $< $(call user_libs,$*)

# Install stripped copies into the tree.
$(ROOTFS)/sbin/init: $(UBIN)/init
	@mkdir -p $(@D)
	$(USER_STRIP) $< $@
$(ROOTFS)/bin/%: $(UBIN)/%
	@mkdir -p $(@D)
	$(USER_STRIP) $< $@
$(ROOTFS)/test/%: $(UBIN)/%
	@mkdir -p $(@D)
	$(USER_STRIP) $< $@
$(ROOTFS)/bench/%: $(UBIN)/%
	@mkdir -p $(@D)
	$(USER_STRIP) $< $@
$(ROOTFS)/etc/%: user/etc/%
	@mkdir -p $(@D)
	cp $< $@

# The directories and links every Linux-like tree has. (The stamp file
# lives outside the tree so that it does not end up in the image.)
$(BUILD)/user/skeleton.stamp: user/user.mk
	@mkdir -p $(addprefix $(ROOTFS)/,$(ROOTFS_DIRS))
	ln -sfn ../bin $(ROOTFS)/usr/bin
	ln -sfn init $(ROOTFS)/sbin/testrunner
	ln -sfn init $(ROOTFS)/sbin/benchrunner
	@touch $@

# EXTRA is copied afresh every time (we cannot see inside it to know
# whether it changed); mkinitrd.py leaves the archive untouched when its
# contents come out the same, so nothing downstream rebuilds needlessly.
$(INITRD): rootfs tools/mkinitrd.py FORCE
	@rm -rf $(ROOTFS)/extra && mkdir -p $(ROOTFS)/extra
ifneq ($(EXTRA),)
	cp -pR $(EXTRA)/. $(ROOTFS)/extra/
endif
	$(PYTHON) tools/mkinitrd.py $(ROOTFS) $@

FORCE:

user-clean:
	rm -rf $(ROOTFS) $(INITRD) $(BUILD)/user

-include $(USER_OBJS:.o=.d) $(USER_SH_PARTS:.o=.d)
