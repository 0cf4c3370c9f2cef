# Top-level build: kernel ELF, boot ISO, and the developer workflow
# (run, debug, test). Everything is built under $(BUILD); sources are
# never written to. See README.md for the targets and docs/boot.md for
# what the kernel does once GRUB has loaded it.

BUILD    ?= build
CROSS    ?=
CC       ?= gcc
# GNU make presets CC=cc; treat that as "not chosen" and use gcc.
ifeq ($(origin CC),default)
CC       := gcc
endif
KCC      := $(CROSS)$(CC)
LD       := $(CROSS)ld
NM       := $(CROSS)nm
OBJCOPY  := $(CROSS)objcopy
PYTHON   ?= python3
SMP      ?= 4
MEM      ?= 256M
SMP_LIST ?= 1 2 4
ACCEL    ?= auto
GUI      ?= 0
CMDLINE  ?=
WERROR   ?= 0

KERNEL   := $(BUILD)/kernel.elf
ISO      := $(BUILD)/os.iso

# Freestanding C11 for the kernel: no red zone (interrupts push onto the
# kernel stack below rsp), no SSE/MMX/x87 (their registers are not saved
# on kernel entry), the kernel code model (we live in the top 2 GiB),
# no PIE, frame pointers kept for the panic backtrace.
KCFLAGS  := -std=c11 -ffreestanding -fno-builtin -nostdlib -O2 -g \
            -Wall -Wextra -Wno-unused-parameter \
            -mno-red-zone -mno-mmx -mno-sse -mno-sse2 -mno-80387 \
            -mcmodel=kernel -fno-pic -fno-pie -fno-stack-protector \
            -fno-omit-frame-pointer -fno-optimize-sibling-calls \
            -fno-strict-aliasing -MMD -MP -I. -Iinclude
ifeq ($(findstring clang,$(CC)),clang)
KCFLAGS  += --target=x86_64-unknown-none-elf -mno-implicit-float
endif
ifeq ($(WERROR),1)
KCFLAGS  += -Werror
endif
KASFLAGS := $(filter-out -std=c11,$(KCFLAGS)) -D__ASSEMBLY__
# --no-warn-rwx-segments exists from binutils 2.39 on; older ld lacks it
LDFLAGS  := -nostdlib -z max-page-size=0x1000 -z noexecstack \
            $(shell $(LD) --help 2>/dev/null | grep -q no-warn-rwx-segments && echo --no-warn-rwx-segments)

ARCH_SRCS   := $(wildcard arch/x86_64/*.c) $(wildcard arch/x86_64/*.S)
KERNEL_SRCS := $(wildcard kernel/*.c)
# kernel self-tests (KTEST), compiled into the kernel, run under `test`
KTEST_SRCS  := $(wildcard tests/kernel/*.c)
SRCS        := $(ARCH_SRCS) $(KERNEL_SRCS) $(KTEST_SRCS)
OBJS        := $(patsubst %,$(BUILD)/%.o,$(SRCS)) $(BUILD)/vdso/image.o

.PHONY: all iso kernel run debug test test-host test-linux bench clean deps lint format help
all: iso $(BUILD)/bin/oscc

# User space: the C library (libc/libc.mk) and the programs of the
# initial RAM disk (user/user.mk: init, sh, coreutils, demos, tests).
include libc/libc.mk
include user/user.mk

# The compiler wrapper for students' own programs (see README)
$(BUILD)/bin/oscc: tools/oscc $(LIBC_A) $(LIBC_CRT0) $(LIBOMP_A)
	@mkdir -p $(@D)
	sed 's|^default_root=$$|default_root=$(CURDIR)|' tools/oscc > $@ && chmod +x $@

help:
	@echo "make            build $(ISO)"
	@echo "make run        boot it in QEMU (SMP=$(SMP) MEM=$(MEM) ACCEL=auto|tcg|kvm GUI=0|1 CMDLINE=...)"
	@echo "make debug      boot it stopped, with GDB attached at kernel_main"
	@echo "make test       host unit tests + boot tests for SMP_LIST='$(SMP_LIST)'"
	@echo "make test-linux the user test programs on this Linux host"
	@echo "make clean      remove $(BUILD)/"

deps:
	@tools/deps.sh build

kernel: $(KERNEL)
iso: $(ISO)

# re-checked when the script or the compiler choice changes
$(BUILD)/.deps-build-$(subst /,_,$(CROSS)$(CC)): tools/deps.sh
	@CC="$(CC)" CROSS="$(CROSS)" tools/deps.sh build
	@mkdir -p $(@D) && touch $@

$(BUILD)/%.c.o: %.c | $(BUILD)/.deps-build-$(subst /,_,$(CROSS)$(CC))
	@mkdir -p $(@D)
	$(KCC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.S.o: %.S | $(BUILD)/.deps-build-$(subst /,_,$(CROSS)$(CC))
	@mkdir -p $(@D)
	$(KCC) $(KASFLAGS) -c $< -o $@

# The vDSO (arch/x86_64/vdso/): a small position-independent shared
# object, linked by its own script, checked to need no relocation (the
# kernel maps it as it is), and embedded in the kernel image by image.S.
VDSO_CFLAGS := -std=gnu11 -O2 -fPIC -ffreestanding -fno-builtin -nostdlib \
               -fno-stack-protector -fno-asynchronous-unwind-tables \
               -fcf-protection=none -Wall -Wextra -MMD -MP -I.
ifeq ($(findstring clang,$(CC)),clang)
VDSO_CFLAGS += --target=x86_64-linux-gnu
endif
ifeq ($(WERROR),1)
VDSO_CFLAGS += -Werror
endif
$(BUILD)/vdso/vclock.o: arch/x86_64/vdso/vclock.c | $(BUILD)/.deps-build-$(subst /,_,$(CROSS)$(CC))
	@mkdir -p $(@D)
	$(KCC) $(VDSO_CFLAGS) -c $< -o $@

$(BUILD)/vdso/vdso.so: $(BUILD)/vdso/vclock.o arch/x86_64/vdso/vdso.lds
	$(LD) -shared -Bsymbolic --hash-style=both -soname=linux-vdso.so.1 --build-id=none \
	      -z max-page-size=4096 -z noseparate-code -z norelro --no-undefined \
	      -T arch/x86_64/vdso/vdso.lds -o $@ $<
	@if $(CROSS)readelf -r $@ | grep -q 'Relocation section'; then \
	    echo "$@: the vDSO must not need relocations"; rm -f $@; exit 1; fi

$(BUILD)/vdso/image.o: arch/x86_64/vdso/image.S $(BUILD)/vdso/vdso.so
	$(KCC) $(KASFLAGS) -Wa,-I$(BUILD)/vdso -c $< -o $@

# The kernel is linked twice: the first link has an empty symbol table,
# its `nm` output becomes the .ksyms section, placed after all code, so
# the second link moves no function (data after it may move; the table
# holds only code addresses, and ksyms.py --check verifies them).
$(BUILD)/kernel.stage1.elf: $(OBJS) $(BUILD)/ksyms0.o arch/x86_64/kernel.ld
	$(LD) $(LDFLAGS) -T arch/x86_64/kernel.ld -o $@ $(OBJS) $(BUILD)/ksyms0.o

$(BUILD)/ksyms0.S: tools/ksyms.py
	@mkdir -p $(@D)
	$(PYTHON) tools/ksyms.py /dev/null > $@

$(BUILD)/ksyms.S: $(BUILD)/kernel.stage1.elf tools/ksyms.py
	$(NM) -n $< | $(PYTHON) tools/ksyms.py - > $@

$(BUILD)/ksyms0.o: $(BUILD)/ksyms0.S
	$(KCC) $(KASFLAGS) -c $< -o $@
$(BUILD)/ksyms.o: $(BUILD)/ksyms.S
	$(KCC) $(KASFLAGS) -c $< -o $@

$(KERNEL): $(BUILD)/kernel.stage1.elf $(BUILD)/ksyms.o
	$(LD) $(LDFLAGS) -T arch/x86_64/kernel.ld -o $@ $(OBJS) $(BUILD)/ksyms.o
	@NM=$(NM) $(PYTHON) tools/ksyms.py --check $(BUILD)/kernel.stage1.elf $@

# rewritten only when CMDLINE changes, so the ISO is rebuilt exactly then
$(BUILD)/cmdline.txt: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' "$(CMDLINE)" | cmp -s - $@ || printf '%s\n' "$(CMDLINE)" > $@

$(ISO): $(KERNEL) $(INITRD) iso/grub.cfg tools/mkiso.sh $(BUILD)/cmdline.txt
	tools/mkiso.sh $@ $(KERNEL) "$(CMDLINE)" $(INITRD)

.PHONY: FORCE
FORCE:

run: $(ISO)
	@tools/deps.sh run
	$(PYTHON) tools/qemu.py --iso $(ISO) --smp $(SMP) --mem $(MEM) --accel $(ACCEL) --gui $(GUI)

debug: $(ISO)
	@tools/deps.sh run
	$(PYTHON) tools/qemu.py --iso $(ISO) --smp $(SMP) --mem $(MEM) --accel $(ACCEL) --gui $(GUI) --debug --kernel $(KERNEL)

test: $(KERNEL) $(ISO) $(BUILD)/bin/oscc
	@tools/deps.sh run
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRD) --build $(BUILD) --smp-list "$(SMP_LIST)" --accel $(ACCEL) --cc "$(CC)"

test-host:
	$(PYTHON) tests/run.py --host-only --build $(BUILD) --cc "$(CC)"

# The user test programs (and libc's), built against the host's C
# library and run on this Linux machine: Linux's behaviour is the
# reference the same programs are held to inside the kernel.
# The benchmarks (user/bench/) on this kernel and on the host, side by
# side: BOOTS boots at -smp BENCH_SMP (tools/bench.py).
BOOTS ?= 3
BENCH_SMP ?= 2
bench: $(KERNEL) $(ISO)
	@tools/deps.sh run
	$(PYTHON) tools/bench.py --kernel $(KERNEL) --initrd $(INITRD) --build $(BUILD) --smp $(BENCH_SMP) --accel $(ACCEL) --boots $(BOOTS) --cc "$(CC)"

test-linux:
	@BUILD="$(BUILD)" CC="$(CC)" tests/user/run-linux.sh
	@BUILD="$(BUILD)" CC="$(CC)" tests/libc/run.sh

lint:
	$(MAKE) WERROR=1 all
	cppcheck --quiet --error-exitcode=1 --std=c11 -I. arch kernel

format:
	clang-format -i $(SRCS) $(wildcard kernel/*.h arch/x86_64/*.h include/*/*.h)

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d)
-include $(BUILD)/vdso/vclock.d
