/*
 * The console device (docs/console.md). In tty mode (the default) it is a terminal: reads and
 * termios go to the line discipline (runtime/n_tty.c), fed by the UART's receive interrupt.
 * In raw mode (uniarm.console=raw, set by uniarm-run when its input is a file or a pipe) the
 * input is a byte stream taken from the UART by the read itself, and a BREAK ends it.
 */
#include "runtime/tty.h"
#include "runtime/n_tty.h"
#include "runtime/wait.h"
#include "platform/cp15.h"
#include "platform/pl011.h"
#include "platform/uaccess.h"

#include <errno.h>
#include <string.h>

#define MKDEV(ma, mi) (((ma) << 8) | (mi))
#define TCGETS	      0x5401
#define TCSETS	      0x5402
#define TCSETSW	      0x5403
#define TCSETSF	      0x5404
/* The runtime buffer that console data passes through, on the stack of the system call. */
#define IO_CHUNK 256

bool console_raw;

/* Raw mode: a BREAK has arrived; then the end of the input once the UART is empty (sticky). */
static bool raw_break_seen, raw_eof;
/*
 * Bytes taken from the UART that a read could not copy to the application (its buffer
 * faulted part way): the next read returns them first, as Linux keeps unread input. At most
 * one chunk, from one read.
 */
static unsigned char raw_pending[IO_CHUNK];
static size_t raw_pending_pos, raw_pending_len;

/*
 * The next data byte from the UART, or -1 when none is waiting. A BREAK is noted, not
 * returned: bytes QEMU held back can still follow it (docs/console.md), so the input ends only
 * when a BREAK has been seen and the UART is empty.
 */
static int raw_getc(void)
{
	int c;

	while ((c = pl011_rx()) >= 0) {
		if (!(c & PL011_DR_BE))
			return c & 0xff;
		raw_break_seen = true;
	}
	if (raw_break_seen)
		raw_eof = true;
	return -1;
}

static long raw_read_pending(void __user *buf, size_t count)
{
	size_t n = raw_pending_len < count ? raw_pending_len : count;

	n -= copy_to_user(buf, raw_pending + raw_pending_pos, n);
	raw_pending_pos += n;
	raw_pending_len -= n;
	return n ? (long)n : -EFAULT;
}

/*
 * Blocks until a byte or the end of the input arrives (or -EAGAIN with O_NONBLOCK), then
 * returns what has arrived, up to count bytes, as a pipe does; 0 at the end, every time.
 */
static long raw_read(struct file *f, void __user *buf, size_t count)
{
	unsigned char kbuf[IO_CHUNK];
	size_t done = 0;
	int c;

	if (raw_pending_len)
		return raw_read_pending(buf, count);
	for (;;) {
		uint32_t flags;

		if (raw_eof)
			return 0;
		c = raw_getc();
		if (c >= 0)
			break;
		if (raw_eof)
			return 0;
		if (f->f_flags & LINUX_O_NONBLOCK)
			return -EAGAIN;
		/* Sleep until the receive interrupt (masked again by its handler). */
		flags = local_irq_save();
		if (pl011_arm_rx_irq())
			tty_wait_input();
		local_irq_restore(flags);
	}
	while (c >= 0) {
		size_t n = 0, left;

		for (;;) {
			kbuf[n++] = (unsigned char)c;
			if (n == sizeof(kbuf) || done + n == count || (c = raw_getc()) < 0)
				break;
		}
		left = copy_to_user((unsigned char __user *)buf + done, kbuf, n);
		done += n - left;
		if (left) {
			memcpy(raw_pending, kbuf + (n - left), left);
			raw_pending_pos = 0;
			raw_pending_len = left;
			return done ? (long)done : -EFAULT;
		}
		if (done == count || c < 0)
			break;
		c = raw_getc();
	}
	return (long)done;
}

static long tty_read(struct file *f, void __user *buf, size_t count)
{
	if (count == 0)
		return 0;
	if (console_raw)
		return raw_read(f, buf, count);
	return n_tty_read(buf, count, f->f_flags & LINUX_O_NONBLOCK);
}

/*
 * The data is copied from the application IO_CHUNK bytes at a time and each chunk is written
 * out before the next is read. A fault part way ends the write: the count written so far is
 * returned (a short write, as Linux), or -EFAULT when nothing was.
 */
static long tty_write(struct file *f, const void __user *buf, size_t count)
{
	char kbuf[IO_CHUNK];
	size_t done = 0;

	(void)f;
	while (done < count) {
		size_t n = count - done < sizeof(kbuf) ? count - done : sizeof(kbuf);
		size_t left = copy_from_user(kbuf, (const char __user *)buf + done, n);

		n_tty_write(kbuf, n - left);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

/* TCGETS and TCSETS/W/F (the kernel's struct termios). In raw mode the input is a file or a
 * pipe, no terminal: ENOTTY, as for those on Linux. */
static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct linux_termios t;
	void __user *p = (void __user *)arg;

	(void)f;
	if (console_raw)
		return -ENOTTY;
	switch (cmd) {
	case TCGETS:
		n_tty_get_termios(&t);
		return copy_to_user(p, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW: /* output is synchronous: nothing to wait for */
	case TCSETSF:
		if (copy_from_user(&t, p, sizeof(t)))
			return -EFAULT;
		n_tty_set_termios(&t, cmd == TCSETSF);
		return 0;
	default:
		return -ENOTTY;
	}
}

const struct file_operations console_fops = {
	.read = tty_read, .write = tty_write, .ioctl = tty_ioctl, .rdev = MKDEV(5, 1)};

static DECLARE_WAIT_QUEUE_HEAD(tty_read_wait);

void tty_wait_input(void)
{
	DEFINE_WAIT(w);

	prepare_to_wait(&tty_read_wait, &w, TASK_INTERRUPTIBLE);
	schedule();
	finish_wait(&tty_read_wait, &w);
}

static void tty_rx_wake(void)
{
	wake_up_all(&tty_read_wait);
}

void tty_init(void)
{
	pl011_set_rx_wake(tty_rx_wake);
	n_tty_open();
	if (!console_raw)
		pl011_set_rx_handler(n_tty_receive_char_flagged);
}
