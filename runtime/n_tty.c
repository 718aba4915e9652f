/*
 * The console's line discipline in tty mode: Linux's n_tty (drivers/tty/n_tty.c) for one
 * console, without job control, output flow control (IXON) or an echo buffer (echo goes to
 * the UART at once). Characters arrive in the UART's receive interrupt
 * (n_tty_receive_char_flagged), are edited and echoed there, and wait in read_buf until a
 * read takes them. Data structures and invariants: docs/console.md.
 */
#include "runtime/n_tty.h"
#include "runtime/exit.h"
#include "runtime/sched.h"
#include "platform/cp15.h"
#include "platform/pl011.h"

#include <errno.h>

#define N_TTY_BUF_SIZE	4096
#define __DISABLED_CHAR '\0'
/* Copies to the application go through a runtime buffer of this size (on the stack). */
#define READ_CHUNK 256
#define CTRL(c)	   ((c)&037)

static struct n_tty_data {
	/* The receive side (interrupt) moves read_head and canon_head, the read side read_tail. */
	size_t read_head, canon_head, read_tail, line_start;
	unsigned int flush_seq; /* bumped by a flush, so a read in progress leaves read_tail */
	unsigned int column, canon_column;
	bool lnext, push;
	unsigned char read_buf[N_TTY_BUF_SIZE];
	uint32_t read_flags[N_TTY_BUF_SIZE / 32];
	struct linux_termios termios;
} ldata;

/* Linux's tty_std_termios, without IXON (not implemented), with IUTF8 (docs/console.md). */
static const struct linux_termios tty_std_termios = {
	.c_iflag = ICRNL | IUTF8,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL | CLOCAL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {[VINTR] = CTRL('C'),
		 [VQUIT] = CTRL('\\'),
		 [VERASE] = 0177,
		 [VKILL] = CTRL('U'),
		 [VEOF] = CTRL('D'),
		 [VTIME] = 0,
		 [VMIN] = 1,
		 [VSTART] = CTRL('Q'),
		 [VSTOP] = CTRL('S'),
		 [VSUSP] = CTRL('Z'),
		 [VREPRINT] = CTRL('R'),
		 [VDISCARD] = CTRL('O'),
		 [VWERASE] = CTRL('W'),
		 [VLNEXT] = CTRL('V')},
};

#define I_FLAG(f) (ldata.termios.c_iflag & (f))
#define O_FLAG(f) (ldata.termios.c_oflag & (f))
#define L_FLAG(f) (ldata.termios.c_lflag & (f))
#define CC(i)	  (ldata.termios.c_cc[i])

static unsigned char read_buf(size_t i)
{
	return ldata.read_buf[i & (N_TTY_BUF_SIZE - 1)];
}

static bool test_flag(size_t i)
{
	i &= N_TTY_BUF_SIZE - 1;
	return ldata.read_flags[i / 32] & (1u << (i % 32));
}

static void set_flag(size_t i, bool on)
{
	i &= N_TTY_BUF_SIZE - 1;
	if (on)
		ldata.read_flags[i / 32] |= 1u << (i % 32);
	else
		ldata.read_flags[i / 32] &= ~(1u << (i % 32));
}

static size_t read_cnt(void)
{
	return ldata.read_head - ldata.read_tail;
}

/* The kernel's iscntrl: C0 and DEL; bytes from 0x80 are not (UTF-8 passes through). */
static bool iscntrl_(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

static bool isalnum_(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool is_continuation(unsigned char c)
{
	return I_FLAG(IUTF8) && (c & 0xc0) == 0x80;
}

/* Linux's do_output_char: OPOST processing of one character and the column it leaves. */
static void do_output_char(unsigned char c)
{
	if (O_FLAG(OPOST)) {
		switch (c) {
		case '\n':
			if (O_FLAG(ONLCR)) {
				ldata.canon_column = ldata.column = 0;
				pl011_putc('\r');
			}
			break;
		case '\r':
			ldata.canon_column = ldata.column = 0;
			break;
		case '\t':
			ldata.column += 8 - (ldata.column & 7);
			break;
		case '\b':
			if (ldata.column > 0)
				ldata.column--;
			break;
		default:
			if (!iscntrl_(c) && !is_continuation(c))
				ldata.column++;
			break;
		}
	}
	pl011_putc((char)c);
}

void n_tty_write(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		do_output_char((unsigned char)buf[i]);
}

/* Echo as it is (OPOST applies). */
static void echo_char_raw(unsigned char c)
{
	do_output_char(c);
}

/* Echo, a control character other than tab as ^X with ECHOCTL. */
static void echo_char(unsigned char c)
{
	if (L_FLAG(ECHOCTL) && iscntrl_(c) && c != '\t') {
		pl011_putc('^');
		pl011_putc((char)(c ^ 0100));
		ldata.column += 2;
		return;
	}
	echo_char_raw(c);
}

static void echo_erase_char(void)
{
	echo_char_raw('\b');
	echo_char_raw(' ');
	echo_char_raw('\b');
}

/* Room for c: one slot stays free in canonical mode, so that a line can always end. */
static bool room_for(bool line_end)
{
	size_t limit = N_TTY_BUF_SIZE - (L_FLAG(ICANON) && !line_end ? 1 : 0);

	return read_cnt() < limit;
}

static void put_tty_queue(unsigned char c)
{
	ldata.read_buf[ldata.read_head & (N_TTY_BUF_SIZE - 1)] = c;
	ldata.read_head++;
}

static void reset_buffer_flags(void)
{
	ldata.read_tail = ldata.canon_head = ldata.line_start = ldata.read_head;
	ldata.push = false;
	ldata.lnext = false;
	for (size_t i = 0; i < N_TTY_BUF_SIZE / 32; i++)
		ldata.read_flags[i] = 0;
	ldata.flush_seq++;
}

/* Erase, word erase or kill the line being edited, echoing as ECHOE/ECHOK/ECHOKE say. */
static void eraser(unsigned char c)
{
	enum { ERASE, WERASE, KILL } kill_type;
	int seen_alnums = 0;

	if (ldata.read_head == ldata.canon_head)
		return;
	if (c == CC(VERASE) || c == '\b')
		kill_type = ERASE;
	else if (c == CC(VWERASE))
		kill_type = WERASE;
	else {
		if (!L_FLAG(ECHO)) {
			ldata.read_head = ldata.canon_head;
			return;
		}
		if (!L_FLAG(ECHOK) || !L_FLAG(ECHOKE) || !L_FLAG(ECHOE)) {
			ldata.read_head = ldata.canon_head;
			echo_char(CC(VKILL));
			if (L_FLAG(ECHOK))
				echo_char_raw('\n');
			return;
		}
		kill_type = KILL;
	}

	while (ldata.read_head != ldata.canon_head) {
		size_t head = ldata.read_head;

		/* One character: with IUTF8 all the bytes of a multibyte one. */
		do {
			head--;
			c = read_buf(head);
		} while (is_continuation(c) && head != ldata.canon_head);
		if (is_continuation(c))
			break; /* do not erase part of one */
		if (kill_type == WERASE) {
			if (isalnum_(c) || c == '_')
				seen_alnums++;
			else if (seen_alnums)
				break;
		}
		ldata.read_head = head;
		if (L_FLAG(ECHO)) {
			if (kill_type == ERASE && !L_FLAG(ECHOE)) {
				echo_char(CC(VERASE));
			} else if (c == '\t') {
				/* Back to where the tab started: count the columns since the start
				 * of the line (then from canon_column) or since a previous tab. */
				unsigned int num_chars = 0, num_bs;
				bool after_tab = false;
				size_t tail = ldata.read_head;

				while (tail != ldata.canon_head) {
					unsigned char p = read_buf(--tail);

					if (p == '\t') {
						after_tab = true;
						break;
					} else if (iscntrl_(p)) {
						if (L_FLAG(ECHOCTL))
							num_chars += 2;
					} else if (!is_continuation(p)) {
						num_chars++;
					}
				}
				if (!after_tab)
					num_chars += ldata.canon_column;
				num_bs = 8 - (num_chars & 7);
				if (num_bs > ldata.column)
					num_bs = ldata.column;
				while (num_bs--)
					echo_char_raw('\b');
			} else {
				if (iscntrl_(c) && L_FLAG(ECHOCTL))
					echo_erase_char();
				if (!iscntrl_(c) || L_FLAG(ECHOCTL))
					echo_erase_char();
			}
		}
		if (kill_type == ERASE)
			break;
	}
}

/*
 * A signal character (or BREAK with BRKINT): the signal goes to the application (si_code
 * SI_KERNEL, as Linux's tty sends it). When its default action will end the application, a
 * newline follows the echo (the shell that ran QEMU sees an ordinary exit, so it does not start
 * a new line itself). SIGTSTP would stop it, which needs job control: it is discarded, as Linux
 * does for an orphaned process group. The input is flushed first (NOFLSH is not supported).
 */
static void isig(int sig, unsigned char c, bool echo)
{
	struct task_struct *app = find_task_by_pid(1);
	kernel_siginfo_t info = {.si_signo = sig, .si_code = LINUX_SI_KERNEL};

	reset_buffer_flags();
	if (echo && L_FLAG(ECHO))
		echo_char(c);
	if (sig == LINUX_SIGTSTP || !app)
		return;
	if (signal_is_fatal(sig))
		echo_char_raw('\n');
	do_send_sig_info(sig, &info, app, PIDTYPE_TGID);
}

/* A line end: '\n', VEOL, VEOL2, or the EOF mark (__DISABLED_CHAR) for VEOF. */
static void handle_newline(unsigned char c)
{
	set_flag(ldata.read_head, true);
	put_tty_queue(c);
	ldata.canon_head = ldata.read_head;
}

/* An ordinary character: echo and queue it. */
static void receive_char(unsigned char c)
{
	if (!room_for(false))
		return;
	if (L_FLAG(ECHO)) {
		if (c == '\n') {
			echo_char_raw(c);
		} else {
			/* Record the column of the first character of the line. */
			if (ldata.canon_head == ldata.read_head)
				ldata.canon_column = ldata.column;
			echo_char(c);
		}
	}
	put_tty_queue(c);
}

static void receive_char_special(unsigned char c)
{
	if (L_FLAG(ISIG)) {
		int sig = 0;

		if (c == __DISABLED_CHAR)
			;
		else if (c == CC(VINTR))
			sig = LINUX_SIGINT;
		else if (c == CC(VQUIT))
			sig = LINUX_SIGQUIT;
		else if (c == CC(VSUSP))
			sig = LINUX_SIGTSTP;
		if (sig) {
			isig(sig, c, true);
			return;
		}
	}
	if (c == '\r') {
		if (I_FLAG(IGNCR))
			return;
		if (I_FLAG(ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(INLCR)) {
		c = '\r';
	}
	/* Without ICANON nothing else is special; a disabled character (0) never is. */
	if (!L_FLAG(ICANON) || c == __DISABLED_CHAR) {
		receive_char(c);
		return;
	}
	if (c == CC(VERASE) || c == '\b' || c == CC(VKILL) ||
	    (c == CC(VWERASE) && L_FLAG(IEXTEN))) {
		eraser(c);
		return;
	}
	if (c == CC(VLNEXT) && L_FLAG(IEXTEN)) {
		ldata.lnext = true;
		if (L_FLAG(ECHO) && L_FLAG(ECHOCTL)) {
			echo_char_raw('^');
			echo_char_raw('\b');
		}
		return;
	}
	if (c == CC(VREPRINT) && L_FLAG(ECHO) && L_FLAG(IEXTEN)) {
		echo_char(c);
		echo_char_raw('\n');
		for (size_t tail = ldata.canon_head; tail != ldata.read_head; tail++)
			echo_char(read_buf(tail));
		return;
	}
	if (c == '\n') {
		if (!room_for(true))
			return;
		if (L_FLAG(ECHO) || L_FLAG(ECHONL))
			echo_char_raw('\n');
		handle_newline(c);
		return;
	}
	if (c == CC(VEOF)) {
		if (room_for(true))
			handle_newline(__DISABLED_CHAR); /* not echoed */
		return;
	}
	if (c == CC(VEOL) || (c == CC(VEOL2) && L_FLAG(IEXTEN))) {
		if (!room_for(true))
			return;
		if (L_FLAG(ECHO)) {
			if (ldata.canon_head == ldata.read_head)
				ldata.canon_column = ldata.column;
			echo_char(c);
		}
		handle_newline(c);
		return;
	}
	receive_char(c);
}

void n_tty_receive_char_flagged(unsigned int dr)
{
	unsigned char c = (unsigned char)dr;

	/* termios(3): a BREAK is ignored with IGNBRK, a SIGINT with BRKINT, else a NUL. */
	if (dr & PL011_DR_BE) {
		if (I_FLAG(IGNBRK))
			return;
		if (I_FLAG(BRKINT))
			isig(LINUX_SIGINT, 0, false);
		else if (room_for(false))
			put_tty_queue('\0');
		return;
	}
	/* Framing, parity, overrun errors: QEMU reports none; the byte is taken as it is. */
	if (ldata.lnext) {
		ldata.lnext = false;
		receive_char(c);
	} else {
		receive_char_special(c);
	}
}

/* Called with interrupts masked: is there what a read of count bytes waits for? */
static bool input_available(size_t count)
{
	size_t min;

	if (L_FLAG(ICANON))
		return ldata.canon_head != ldata.read_tail;
	min = CC(VMIN) < count ? CC(VMIN) : count;
	return read_cnt() >= (min ? min : 1);
}

/*
 * Copy n bytes from read_buf at read_tail to buf, through a runtime buffer; returns the count
 * copied (short when buf faults). The receive side does not write below canon_head
 * (read_head without ICANON), so this runs with interrupts on.
 */
static size_t copy_from_read_buf(void __user *buf, size_t n)
{
	unsigned char kbuf[READ_CHUNK];
	size_t done = 0;

	while (done < n) {
		size_t chunk = n - done < sizeof(kbuf) ? n - done : sizeof(kbuf), left;

		for (size_t i = 0; i < chunk; i++)
			kbuf[i] = read_buf(ldata.read_tail + done + i);
		left = copy_to_user((unsigned char __user *)buf + done, kbuf, chunk);
		done += chunk - left;
		if (left)
			break;
	}
	return done;
}

/* Consume c bytes (and the line end at eol if found), unless a flush came in between. */
static void advance_tail(size_t c, unsigned int seq, bool found, size_t eol)
{
	uint32_t flags = local_irq_save();

	if (seq == ldata.flush_seq) {
		if (found)
			set_flag(eol, false);
		ldata.read_tail += c;
		if (found) {
			if (!ldata.push)
				ldata.line_start = ldata.read_tail;
			ldata.push = false;
		}
	}
	local_irq_restore(flags);
}

/*
 * Linux's canon_copy_from_read_buf: up to count bytes of the first line, its end included (a
 * newline, not the EOF mark). *eof_push: the line was an EOF mark alone, but part of the line
 * it ends was read before: not an end of file, the read goes on waiting.
 */
static long canon_copy_from_read_buf(void __user *buf, size_t count, bool *eof_push)
{
	unsigned int seq = ldata.flush_seq;
	size_t tail = ldata.read_tail, n = ldata.canon_head - tail, eol = 0, c, done;
	bool found = false;

	if (n > count)
		n = count;
	for (size_t i = 0; i < n; i++) {
		if (test_flag(tail + i)) {
			found = true;
			eol = tail + i;
			n = i + 1;
			break;
		}
	}
	c = n;
	*eof_push = false;
	if (found && !ldata.push && read_buf(eol) == __DISABLED_CHAR) {
		n--;
		*eof_push = !n && tail != ldata.line_start;
	}
	done = copy_from_read_buf(buf, n);
	if (done < n) {
		advance_tail(done, seq, false, 0);
		return done ? (long)done : -EFAULT;
	}
	advance_tail(c, seq, found, eol);
	return (long)n;
}

long n_tty_read(void __user *buf, size_t count, bool nonblock)
{
	for (;;) {
		uint32_t flags = local_irq_save();
		bool eof_push;
		size_t n;
		long ret;

		while (!input_available(count)) {
			if (!L_FLAG(ICANON) && CC(VMIN) == 0) {
				local_irq_restore(flags);
				return 0;
			}
			if (nonblock) {
				local_irq_restore(flags);
				return -EAGAIN;
			}
			/* The receive interrupt wakes the task (runtime/tty.c); other tasks run
			 * meanwhile. A signal ends the wait: the read is restarted under
			 * SA_RESTART, or fails with EINTR (Linux's n_tty_read). */
			if (signal_pending(current)) {
				local_irq_restore(flags);
				return -ERESTARTSYS;
			}
			tty_wait_input();
			local_irq_restore(flags);
			flags = local_irq_save();
		}
		local_irq_restore(flags);

		if (!L_FLAG(ICANON)) {
			unsigned int seq = ldata.flush_seq;

			n = read_cnt() < count ? read_cnt() : count;
			ret = (long)copy_from_read_buf(buf, n);
			advance_tail((size_t)ret, seq, false, 0);
			return ret || !n ? ret : -EFAULT;
		}
		ret = canon_copy_from_read_buf(buf, count, &eof_push);
		if (!eof_push)
			return ret;
	}
}

void n_tty_open(void)
{
	ldata.termios = tty_std_termios;
}

void n_tty_get_termios(struct linux_termios *t)
{
	*t = ldata.termios;
}

/* Linux's n_tty_set_termios: switching ICANON turns what is queued into raw bytes, or into
 * one line (push: its last byte is data even if 0). */
void n_tty_set_termios(const struct linux_termios *t, bool flush)
{
	uint32_t flags = local_irq_save();
	bool canon_changed = (ldata.termios.c_lflag ^ t->c_lflag) & ICANON;

	if (flush)
		reset_buffer_flags();
	ldata.termios = *t;
	if (canon_changed) {
		for (size_t i = 0; i < N_TTY_BUF_SIZE / 32; i++)
			ldata.read_flags[i] = 0;
		ldata.line_start = ldata.read_tail;
		if (!L_FLAG(ICANON) || !read_cnt()) {
			ldata.canon_head = ldata.read_tail;
			ldata.push = false;
		} else {
			set_flag(ldata.read_head - 1, true);
			ldata.canon_head = ldata.read_head;
			ldata.push = true;
		}
		ldata.lnext = false;
		ldata.flush_seq++;
	}
	local_irq_restore(flags);
}
