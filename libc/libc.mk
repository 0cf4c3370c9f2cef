# libc.mk: builds the project's C library (libc.a, crt0.o) for user
# programs. The top Makefile includes this file; it also works on its
# own for libc development:
#
#     make -f libc/libc.mk libc BUILD=build [CC=clang] [WERROR=1]
#
# What it defines for the rest of the build:
#   LIBC_A, LIBC_CRT0   the archive and the start-up object
#   LIBOMP_A            the OpenMP runtime (libc/omp/), for -fopenmp programs
#   USER_CC             the compiler for user programs
#   USER_CFLAGS         flags for compiling user programs (and this libc)
#   USER_LDFLAGS        flags for linking them: static, no PIE, no host libs
#   USER_LIBS           what goes last on a user program's link line
#   USER_OMP_CFLAGS     what an OpenMP program adds to USER_CFLAGS (-fopenmp)
#   USER_OMP_LIBS       the same for an OpenMP program (libomp.a first)
# A user program is linked as
#   $(USER_CC) $(USER_LDFLAGS) -o prog $(LIBC_CRT0) prog.o $(USER_LIBS)
# and an OpenMP one is compiled with -fopenmp added to USER_CFLAGS and
# linked (without -fopenmp, which would make gcc add the host's libgomp)
# as
#   $(USER_CC) $(USER_LDFLAGS) -o prog $(LIBC_CRT0) prog.o $(USER_OMP_LIBS)

# Included by another makefile, or run on its own with -f? (Decided
# before anything else is included.) Included, this file must not become
# the default goal of the includer.
LIBC_STANDALONE := $(if $(filter-out $(lastword $(MAKEFILE_LIST)),$(MAKEFILE_LIST)),,1)
LIBC_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD  ?= build
CROSS  ?=
CC     ?= gcc
WERROR ?= 0
# GNU make presets CC=cc; treat that as "not chosen" and use gcc, like
# the top Makefile does.
ifeq ($(origin CC),default)
CC     := gcc
endif

LIBC_DIR   := libc
LIBC_BUILD := $(BUILD)/libc
LIBC_A     := $(LIBC_BUILD)/libc.a
LIBC_CRT0  := $(LIBC_BUILD)/crt0.o
LIBOMP_A   := $(LIBC_BUILD)/libomp.a
USER_CC    := $(CROSS)$(CC)
LIBC_AR    := $(CROSS)ar

# User space may use the red zone and SSE (unlike the kernel), so none of
# the kernel's -mno-* flags appear here. -nostdinc keeps the host's
# headers out: every header a program sees comes from libc/include.
USER_CFLAGS := -std=gnu11 -ffreestanding -fno-builtin -nostdinc \
               -isystem $(LIBC_DIR)/include -fno-stack-protector -fno-pie \
               -O2 -g -Wall -Wextra
ifeq ($(WERROR),1)
USER_CFLAGS += -Werror
endif
USER_LDFLAGS := -static -nostdlib -no-pie -z noexecstack
# clang: say which machine we build for, whatever its default target.
ifeq ($(findstring clang,$(CC)),clang)
USER_CFLAGS += --target=x86_64-linux-gnu
USER_LDFLAGS += --target=x86_64-linux-gnu
endif
USER_LIBS    := $(LIBC_A)
USER_OMP_CFLAGS := -fopenmp
USER_OMP_LIBS := $(LIBOMP_A) $(LIBC_A)

# The library itself: its private headers live in libc/src/internal.
# -MD, not -MMD: -MMD leaves out headers found through -isystem, which
# is where libc/include comes in (and with -nostdinc there are no
# others). gcc would otherwise turn the byte loops in memset/memcpy into
# calls to memset/memcpy, i.e. into themselves.
LIBC_CFLAGS := $(USER_CFLAGS) -I$(LIBC_DIR)/src -MD -MP
ifneq ($(findstring clang,$(CC)),clang)
LIBC_CFLAGS += -fno-tree-loop-distribute-patterns
endif
LIBC_ASFLAGS := $(filter-out -std=gnu11,$(LIBC_CFLAGS)) -D__ASSEMBLY__

LIBC_C_SRCS := $(wildcard $(LIBC_DIR)/src/*.c $(LIBC_DIR)/src/*/*.c)
LIBC_S_SRCS := $(filter-out %/crt0.S,$(wildcard $(LIBC_DIR)/arch/x86_64/*.S))
LIBC_OBJS   := $(patsubst $(LIBC_DIR)/%.c,$(LIBC_BUILD)/obj/%.o,$(LIBC_C_SRCS)) \
               $(patsubst $(LIBC_DIR)/%.S,$(LIBC_BUILD)/obj/%.o,$(LIBC_S_SRCS))
# The OpenMP runtime is an archive of its own, like gcc's libgomp: only
# programs built with -fopenmp link it.
LIBOMP_OBJS := $(patsubst $(LIBC_DIR)/%.c,$(LIBC_BUILD)/obj/%.o,$(wildcard $(LIBC_DIR)/omp/*.c)) \
               $(patsubst $(LIBC_DIR)/%.S,$(LIBC_BUILD)/obj/%.o,$(wildcard $(LIBC_DIR)/omp/*.S))

# ar stores members by file name alone: two sources with the same name
# in different folders would collide inside libc.a.
LIBC_OBJ_NAMES := $(notdir $(LIBC_OBJS))
ifneq ($(words $(LIBC_OBJ_NAMES)),$(words $(sort $(LIBC_OBJ_NAMES))))
$(error libc: two source files share a name; rename one)
endif

.PHONY: libc
libc: $(LIBC_A) $(LIBC_CRT0) $(LIBOMP_A)

$(LIBC_BUILD)/obj/%.o: $(LIBC_DIR)/%.c
	@mkdir -p $(@D)
	$(USER_CC) $(LIBC_CFLAGS) -c $< -o $@

$(LIBC_BUILD)/obj/%.o: $(LIBC_DIR)/%.S
	@mkdir -p $(@D)
	$(USER_CC) $(LIBC_ASFLAGS) -c $< -o $@

$(LIBC_CRT0): $(LIBC_DIR)/arch/x86_64/crt0.S
	@mkdir -p $(@D)
	$(USER_CC) $(LIBC_ASFLAGS) -c $< -o $@

# Rebuilt from scratch each time so that a deleted source file does not
# leave a stale member behind.
$(LIBC_A): $(LIBC_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	$(LIBC_AR) rcs $@ $^

$(LIBOMP_A): $(LIBOMP_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	$(LIBC_AR) rcs $@ $^

ifdef LIBC_STANDALONE
.DEFAULT_GOAL := libc
else
.DEFAULT_GOAL := $(LIBC_SAVED_GOAL)
endif

-include $(LIBC_OBJS:.o=.d) $(LIBOMP_OBJS:.o=.d) $(LIBC_CRT0:.o=.d)
