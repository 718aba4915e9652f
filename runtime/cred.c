/*
 * Credentials (Linux's kernel/sys.c set*id/get*id and security/commoncap.c's
 * cap_emulate_setxuid): the one task's ids, with Linux's rules and errno. An id of -1 is
 * "unchanged" where Linux allows it (setre*id, setres*id) and EINVAL where it does not
 * (set*id); an unprivileged change (without CAP_SETUID/CAP_SETGID) is EPERM. Root starts with
 * every capability; when no uid of real/effective/saved stays 0 the permitted and effective
 * sets are cleared, an effective uid leaving 0 clears the effective set and one coming back
 * to 0 restores it from the permitted set. There is no user namespace but the initial one.
 * Not kept: supplementary groups, securebits and the fsuid capability mask.
 */
#include "runtime/cred.h"
#include "platform/uaccess.h"

#include <errno.h>

struct cred init_cred = {
	.cap_permitted = CAP_FULL_SET,
	.cap_effective = CAP_FULL_SET,
};

#define INVALID_ID ((uint32_t)-1)

long sys_getuid(void)
{
	return (long)current_cred()->uid;
}

long sys_geteuid(void)
{
	return (long)current_cred()->euid;
}

long sys_getgid(void)
{
	return (long)current_cred()->gid;
}

long sys_getegid(void)
{
	return (long)current_cred()->egid;
}

/* Linux's cap_emulate_setxuid: the capabilities follow the change from old to new uids. */
static void cap_emulate_setxuid(struct cred *new, const struct cred *old)
{
	if ((old->uid == 0 || old->euid == 0 || old->suid == 0) &&
	    (new->uid != 0 && new->euid != 0 && new->suid != 0)) {
		new->cap_permitted = 0;
		new->cap_effective = 0;
	}
	if (old->euid == 0 && new->euid != 0)
		new->cap_effective = 0;
	if (old->euid != 0 && new->euid == 0)
		new->cap_effective = new->cap_permitted;
}

static long commit_uids(struct cred *new)
{
	cap_emulate_setxuid(new, current_cred());
	*current_cred() = *new;
	return 0;
}

long sys_setuid(uint32_t uid)
{
	const struct cred *old = current_cred();
	struct cred new = *old;

	if (uid == INVALID_ID)
		return -EINVAL;
	if (capable(CAP_SETUID))
		new.suid = new.uid = uid;
	else if (uid != old->uid && uid != old->suid)
		return -EPERM;
	new.fsuid = new.euid = uid;
	return commit_uids(&new);
}

long sys_setreuid(uint32_t ruid, uint32_t euid)
{
	const struct cred *old = current_cred();
	struct cred new = *old;

	if (ruid != INVALID_ID) {
		new.uid = ruid;
		if (ruid != old->uid && ruid != old->euid && !capable(CAP_SETUID))
			return -EPERM;
	}
	if (euid != INVALID_ID) {
		new.euid = euid;
		if (euid != old->uid && euid != old->euid && euid != old->suid &&
		    !capable(CAP_SETUID))
			return -EPERM;
	}
	if (ruid != INVALID_ID || (euid != INVALID_ID && euid != old->uid))
		new.suid = new.euid;
	new.fsuid = new.euid;
	return commit_uids(&new);
}

/* An id given to setres*id that the unprivileged may not take: none of the three it has. */
static bool id_new(uint32_t id, uint32_t r, uint32_t e, uint32_t s)
{
	return id != INVALID_ID && id != r && id != e && id != s;
}

long sys_setresuid(uint32_t ruid, uint32_t euid, uint32_t suid)
{
	const struct cred *old = current_cred();
	struct cred new = *old;

	if ((ruid == INVALID_ID || ruid == old->uid) &&
	    (euid == INVALID_ID || (euid == old->euid && euid == old->fsuid)) &&
	    (suid == INVALID_ID || suid == old->suid))
		return 0;
	if ((id_new(ruid, old->uid, old->euid, old->suid) ||
	     id_new(euid, old->uid, old->euid, old->suid) ||
	     id_new(suid, old->uid, old->euid, old->suid)) &&
	    !capable(CAP_SETUID))
		return -EPERM;
	if (ruid != INVALID_ID)
		new.uid = ruid;
	if (euid != INVALID_ID)
		new.euid = euid;
	if (suid != INVALID_ID)
		new.suid = suid;
	new.fsuid = new.euid;
	return commit_uids(&new);
}

long sys_setgid(uint32_t gid)
{
	struct cred *cred = current_cred();

	if (gid == INVALID_ID)
		return -EINVAL;
	if (capable(CAP_SETGID))
		cred->gid = cred->egid = cred->sgid = cred->fsgid = gid;
	else if (gid == cred->gid || gid == cred->sgid)
		cred->egid = cred->fsgid = gid;
	else
		return -EPERM;
	return 0;
}

long sys_setregid(uint32_t rgid, uint32_t egid)
{
	struct cred *cred = current_cred();
	struct cred new = *cred;

	if (rgid != INVALID_ID) {
		new.gid = rgid;
		if (rgid != cred->gid && rgid != cred->egid && !capable(CAP_SETGID))
			return -EPERM;
	}
	if (egid != INVALID_ID) {
		new.egid = egid;
		if (egid != cred->gid && egid != cred->egid && egid != cred->sgid &&
		    !capable(CAP_SETGID))
			return -EPERM;
	}
	if (rgid != INVALID_ID || (egid != INVALID_ID && egid != cred->gid))
		new.sgid = new.egid;
	new.fsgid = new.egid;
	*cred = new;
	return 0;
}

long sys_setresgid(uint32_t rgid, uint32_t egid, uint32_t sgid)
{
	struct cred *cred = current_cred();

	if ((rgid == INVALID_ID || rgid == cred->gid) &&
	    (egid == INVALID_ID || (egid == cred->egid && egid == cred->fsgid)) &&
	    (sgid == INVALID_ID || sgid == cred->sgid))
		return 0;
	if ((id_new(rgid, cred->gid, cred->egid, cred->sgid) ||
	     id_new(egid, cred->gid, cred->egid, cred->sgid) ||
	     id_new(sgid, cred->gid, cred->egid, cred->sgid)) &&
	    !capable(CAP_SETGID))
		return -EPERM;
	if (rgid != INVALID_ID)
		cred->gid = rgid;
	if (egid != INVALID_ID)
		cred->egid = egid;
	if (sgid != INVALID_ID)
		cred->sgid = sgid;
	cred->fsgid = cred->egid;
	return 0;
}

/* Linux's order: all three are written, the first failure is -EFAULT. */
static long put_ids(uint32_t *a, uint32_t *b, uint32_t *c, uint32_t x, uint32_t y, uint32_t z)
{
	if (copy_to_user(a, &x, sizeof(x)) || copy_to_user(b, &y, sizeof(y)) ||
	    copy_to_user(c, &z, sizeof(z)))
		return -EFAULT;
	return 0;
}

long sys_getresuid(uint32_t *ruid, uint32_t *euid, uint32_t *suid)
{
	const struct cred *cred = current_cred();

	return put_ids(ruid, euid, suid, cred->uid, cred->euid, cred->suid);
}

long sys_getresgid(uint32_t *rgid, uint32_t *egid, uint32_t *sgid)
{
	const struct cred *cred = current_cred();

	return put_ids(rgid, egid, sgid, cred->gid, cred->egid, cred->sgid);
}

/* setfsuid/setfsgid: the old id, changed only to one the task has (or with the capability). */
long sys_setfsuid(uint32_t uid)
{
	struct cred *cred = current_cred();
	uint32_t old = cred->fsuid;

	if (uid != INVALID_ID && (uid == cred->uid || uid == cred->euid || uid == cred->suid ||
				  uid == cred->fsuid || capable(CAP_SETUID)))
		cred->fsuid = uid;
	return (long)old;
}

long sys_setfsgid(uint32_t gid)
{
	struct cred *cred = current_cred();
	uint32_t old = cred->fsgid;

	if (gid != INVALID_ID && (gid == cred->gid || gid == cred->egid || gid == cred->sgid ||
				  gid == cred->fsgid || capable(CAP_SETGID)))
		cred->fsgid = gid;
	return (long)old;
}

/* --- the 16-bit calls (Linux's kernel/uid16.c) ------------------------------------------- */

#define OVERFLOW_ID 65534

static uint32_t low2high(uint32_t id)
{
	return (uint16_t)id == 0xffff ? INVALID_ID : (uint16_t)id;
}

static uint16_t high2low(uint32_t id)
{
	return id & ~0xffffU ? OVERFLOW_ID : (uint16_t)id;
}

long sys_getuid16(void)
{
	return high2low(current_cred()->uid);
}

long sys_geteuid16(void)
{
	return high2low(current_cred()->euid);
}

long sys_getgid16(void)
{
	return high2low(current_cred()->gid);
}

long sys_getegid16(void)
{
	return high2low(current_cred()->egid);
}

long sys_setuid16(uint32_t uid)
{
	return sys_setuid(low2high(uid));
}

long sys_setgid16(uint32_t gid)
{
	return sys_setgid(low2high(gid));
}

long sys_setreuid16(uint32_t ruid, uint32_t euid)
{
	return sys_setreuid(low2high(ruid), low2high(euid));
}

long sys_setregid16(uint32_t rgid, uint32_t egid)
{
	return sys_setregid(low2high(rgid), low2high(egid));
}

long sys_setresuid16(uint32_t ruid, uint32_t euid, uint32_t suid)
{
	return sys_setresuid(low2high(ruid), low2high(euid), low2high(suid));
}

long sys_setresgid16(uint32_t rgid, uint32_t egid, uint32_t sgid)
{
	return sys_setresgid(low2high(rgid), low2high(egid), low2high(sgid));
}

static long put_ids16(uint16_t *a, uint16_t *b, uint16_t *c, uint32_t x, uint32_t y, uint32_t z)
{
	uint16_t v[3] = {high2low(x), high2low(y), high2low(z)};

	if (copy_to_user(a, &v[0], 2) || copy_to_user(b, &v[1], 2) || copy_to_user(c, &v[2], 2))
		return -EFAULT;
	return 0;
}

long sys_getresuid16(uint16_t *ruid, uint16_t *euid, uint16_t *suid)
{
	const struct cred *cred = current_cred();

	return put_ids16(ruid, euid, suid, cred->uid, cred->euid, cred->suid);
}

long sys_getresgid16(uint16_t *rgid, uint16_t *egid, uint16_t *sgid)
{
	const struct cred *cred = current_cred();

	return put_ids16(rgid, egid, sgid, cred->gid, cred->egid, cred->sgid);
}
