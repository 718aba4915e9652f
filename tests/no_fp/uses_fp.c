/*
 * Sample for the test of tools/check-no-fp: code that must be refused in the runtime. Built
 * twice: with the application's flags it uses VFP and NEON instructions (a fused multiply-add,
 * a NEON struct copy), with the runtime's -mfpu=none it calls libgcc's floating-point helpers.
 */
struct quad {
	long long a, b, c, d;
};

double scale(double x, double y)
{
	return x * y + 1.0;
}

void copy_quad(struct quad *dst, const struct quad *src)
{
	*dst = *src;
}
