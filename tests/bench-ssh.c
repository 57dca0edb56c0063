/* bench-ssh.c: SSH participants against `host --ssh`, or against OpenSSH
 * running `convene join`, for scripts/bench.
 *
 * usage: bench-ssh --convene PATH --dir DIR -n N [--workers W]
 *        [--openssh PORT --user NAME --key FILE --socket PATH --sshd-pid PID]
 *
 * Starts a headless host with --ssh on loopback, then N real SSH clients
 * (libssh, W worker processes), each with an 80x24 pty, reading its
 * screen's bytes.  All connect at once; each types Enter, a name, Tab, a
 * site and Enter, and waits for its lobby ("You are in").  Then `ctl
 * next` (the change: until each client's next screen bytes arrive), `ctl
 * open`, and each answers with a key (the ack: until "Received" arrives).
 * Prints key=value lines: join_storm_s, change_p50_ms, change_p99_ms,
 * answers_per_s, ack_p99_ms, kib_per_participant (host and gateway RSS
 * above their base), answers (stored, from ctl status), joined.
 *
 * With --openssh, the caller (scripts/bench) has set up a private sshd on
 * 127.0.0.1:PORT with scripts/ssh-setup: the account NAME, whose only
 * program is `convene join --socket PATH`, and the public half of FILE in
 * its authorized keys.  Then the host is a plain headless one on PATH, and
 * each client logs in as NAME with the key, waits for the join form ("Your
 * name") and types the same keys (no Enter first: there is no intro).
 * kib_per_participant is then the host's growth plus that of every process
 * under the sshd listener PID (the per-connection sshd processes and the
 * `convene join` each runs); sshd_procs counts those processes.
 * pss_kib_per_participant is the same sum over proportional set sizes
 * (shared pages split among the processes sharing them).
 */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>

#define MAXN 10000

struct shared {
	volatile double go_next, go_open;
	volatile double lobby[MAXN], change[MAXN], sent[MAXN], ack[MAXN];
	volatile int failed;
};

static struct shared *sh;
static int port, n, workers = 16;
/* --openssh: the account, its key and the sshd listener. */
static const char *user = "join";
static ssh_key key;
static pid_t sshd_pid;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct cl {
	ssh_session s;
	ssh_channel ch;
	int state;		/* -1 form, 0 lobby, 1 next, 2 poll, 3 ack, 4 done */
	char tail[128];
	size_t tlen;
};

/* Does `needle` appear in the tail kept plus this chunk? */
static int
seen(struct cl *c, const char *buf, int len, const char *needle)
{
	char tmp[128 + 65536];
	size_t m = c->tlen + (size_t)len;

	memcpy(tmp, c->tail, c->tlen);
	memcpy(tmp + c->tlen, buf, (size_t)len);
	tmp[m] = '\0';
	for (size_t i = 0; i < m; i++)
		if (tmp[i] == '\0')
			tmp[i] = ' ';
	return strstr(tmp, needle) != NULL;
}

static void
keep_tail(struct cl *c, const char *buf, int len)
{
	char tmp[128 + 65536];
	size_t m = c->tlen + (size_t)len, keep = m < 100 ? m : 100;

	memcpy(tmp, c->tail, c->tlen);
	memcpy(tmp + c->tlen, buf, (size_t)len);
	memcpy(c->tail, tmp + m - keep, keep);
	c->tlen = keep;
}

static int
open_one(struct cl *c, int i)
{
	int v = SSH_LOG_NOLOG, rc;
	char keys[96];

	if ((c->s = ssh_new()) == NULL)
		return -1;
	ssh_options_set(c->s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(c->s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(c->s, SSH_OPTIONS_USER, user);
	ssh_options_set(c->s, SSH_OPTIONS_LOG_VERBOSITY, &v);
	if (ssh_connect(c->s) != SSH_OK)
		return -1;
	if (key != NULL)
		rc = ssh_userauth_publickey(c->s, NULL, key);
	else if ((rc = ssh_userauth_none(c->s, NULL)) != SSH_AUTH_SUCCESS)
		while ((rc = ssh_userauth_kbdint(c->s, NULL, NULL)) ==
		    SSH_AUTH_INFO)
			;
	if (rc != SSH_AUTH_SUCCESS || (c->ch = ssh_channel_new(c->s)) == NULL ||
	    ssh_channel_open_session(c->ch) != SSH_OK ||
	    ssh_channel_request_pty_size(c->ch, "xterm-256color", 80, 24) !=
	    SSH_OK || ssh_channel_request_shell(c->ch) != SSH_OK)
		return -1;
	if (key != NULL) {
		c->state = -1;	/* type once the form is drawn */
		return 0;
	}
	snprintf(keys, sizeof keys, "\rP%d\tSite %d\r", i, i % 20);
	ssh_channel_write(c->ch, keys, (uint32_t)strlen(keys));
	return 0;
}

static void
worker(int w)
{
	int mine = 0, left;
	struct cl *cls = calloc((size_t)n / (size_t)workers + 2, sizeof *cls);
	int *idx = calloc((size_t)n / (size_t)workers + 2, sizeof *idx);
	struct pollfd *pf = calloc((size_t)n / (size_t)workers + 2, sizeof *pf);
	char buf[65536], keys[96];

	/* Gone with the parent, so no client outlives a bench that died. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(1);
	for (int i = w; i < n; i += workers) {
		if (open_one(&cls[mine], i) != 0) {
			sh->failed++;
			continue;
		}
		ssh_set_blocking(cls[mine].s, 0);
		idx[mine++] = i;
	}
	left = mine;
	while (left > 0) {
		for (int k = 0; k < mine; k++) {
			pf[k].fd = cls[k].state < 4 ? ssh_get_fd(cls[k].s) : -1;
			pf[k].events = POLLIN;
		}
		if (poll(pf, (nfds_t)mine, 100) < 0 && errno != EINTR)
			break;
		for (int k = 0; k < mine; k++) {
			struct cl *c = &cls[k];
			int i = idx[k], len;

			if (c->state >= 4)
				continue;
			while ((len = ssh_channel_read_nonblocking(c->ch, buf,
			    sizeof buf, 0)) > 0) {
				double t = now();

				if (c->state == -1 && seen(c, buf, len,
				    "Your name")) {
					snprintf(keys, sizeof keys,
					    "P%d\tSite %d\r", i, i % 20);
					ssh_channel_write(c->ch, keys,
					    (uint32_t)strlen(keys));
					c->state = 0;
				} else if (c->state == 0 && seen(c, buf, len,
				    "You are in")) {
					sh->lobby[i] = t;
					c->state = 1;
				} else if (c->state == 1 && sh->go_next > 0) {
					sh->change[i] = t;
					c->state = 2;
				} else if (c->state == 2 && sh->go_open > 0 &&
				    seen(c, buf, len, "or arrows")) {
					sh->sent[i] = now();
					ssh_channel_write(c->ch, "2", 1);
					c->state = 3;
				} else if (c->state == 3 && seen(c, buf, len,
				    "Received")) {
					sh->ack[i] = t;
					c->state = 4;
					left--;
				}
				keep_tail(c, buf, len);
			}
			if (len == SSH_ERROR || ssh_channel_is_eof(c->ch)) {
				c->state = 4;
				left--;
				sh->failed++;
			}
		}
		if (sh->go_open < 0)
			break;		/* the parent gave up */
	}
	/* Stay connected until told, so the host's counts hold. */
	while (sh->go_open >= 0)
		usleep(100000);
	_exit(0);
}

/* A process's VmRSS, or with `pss` its proportional set size, in KiB. */
static long
mem_kib(pid_t pid, int pss)
{
	char path[64], line[256];
	long kib = 0;
	FILE *f;

	snprintf(path, sizeof path, pss ? "/proc/%d/smaps_rollup" :
	    "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, pss ? "Pss: %ld" : "VmRSS: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/* The sum over `pid` and every process under it (the children of each of
 * its threads); *procs counts them. */
static long
tree_kib(pid_t pid, int pss, int *procs)
{
	char path[64];
	long kib = mem_kib(pid, pss);
	struct dirent *e;
	DIR *d;

	++*procs;
	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	if ((d = opendir(path)) == NULL)
		return kib;
	while ((e = readdir(d)) != NULL) {
		char cpath[300];
		int c;
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(cpath, sizeof cpath, "/proc/%d/task/%s/children",
		    (int)pid, e->d_name);
		if ((f = fopen(cpath, "r")) == NULL)
			continue;
		while (fscanf(f, "%d", &c) == 1)
			kib += tree_kib((pid_t)c, pss, procs);
		fclose(f);
	}
	closedir(d);
	return kib;
}

/* What the participants' processes hold: the host and its gateway, or
 * with --openssh the host and everything under the sshd listener. */
static long
held_kib(pid_t host, pid_t gw, int pss, int *procs)
{
	*procs = 0;
	if (sshd_pid > 0)
		return mem_kib(host, pss) + tree_kib(sshd_pid, pss, procs);
	return mem_kib(host, pss) + mem_kib(gw, pss);
}

static pid_t
child_of(pid_t pid)
{
	char path[64];
	int c = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)pid,
	    (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%d", &c) != 1)
		c = 0;
	fclose(f);
	return (pid_t)c;
}

static char ctl_out[4096];

static void
ctl(const char *convene, const char *sock, const char *cmd)
{
	char line[8192];
	FILE *p;

	snprintf(line, sizeof line, "%s ctl --socket %s %s", convene, sock, cmd);
	ctl_out[0] = '\0';
	if ((p = popen(line, "r")) == NULL)
		return;
	if (fgets(ctl_out, sizeof ctl_out, p) == NULL)
		ctl_out[0] = '\0';
	pclose(p);
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Percentile `p` of (to[i] - from) or (to[i] - from[i]), in ms. */
static double
pct(volatile double *to, volatile double *from1, double from, double p)
{
	double *v = calloc((size_t)n, sizeof *v), r;
	int m = 0;

	for (int i = 0; i < n; i++)
		if (to[i] > 0)
			v[m++] = (to[i] - (from1 ? from1[i] : from)) * 1000;
	if (m == 0) {
		free(v);
		return -1;
	}
	qsort(v, (size_t)m, sizeof *v, cmp);
	r = v[(int)((m - 1) * p)];
	free(v);
	return r;
}

static int
count(volatile double *a)
{
	int m = 0;

	for (int i = 0; i < n; i++)
		m += a[i] > 0;
	return m;
}

static int
free_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), p;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sa, sizeof sa);
	getsockname(fd, (struct sockaddr *)&sa, &len);
	p = ntohs(sa.sin_port);
	close(fd);
	return p;
}

static void
wait_all(volatile double *a, int want, double secs)
{
	double end = now() + secs;

	while (count(a) + sh->failed < want && now() < end)
		usleep(20000);
}

int
main(int argc, char **argv)
{
	const char *convene = NULL, *dir = NULL, *keyfile = NULL, *osock = NULL;
	char plan[4096], sock[200], db[4200], spec[32], *answers;
	pid_t host, gw = 0, *kids;
	double t0, t_open, last = 0, joined;
	long base, base_pss;
	int procs, openssh = 0;
	struct rlimit rl;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--convene") == 0)
			convene = argv[i + 1];
		else if (strcmp(argv[i], "--dir") == 0)
			dir = argv[i + 1];
		else if (strcmp(argv[i], "-n") == 0)
			n = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--workers") == 0)
			workers = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--openssh") == 0)
			openssh = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--user") == 0)
			user = argv[i + 1];
		else if (strcmp(argv[i], "--key") == 0)
			keyfile = argv[i + 1];
		else if (strcmp(argv[i], "--socket") == 0)
			osock = argv[i + 1];
		else if (strcmp(argv[i], "--sshd-pid") == 0)
			sshd_pid = (pid_t)atoi(argv[i + 1]);
	}
	if (convene == NULL || dir == NULL || n < 1 || n > MAXN || workers < 1)
		return 2;
	if (openssh && (keyfile == NULL || osock == NULL || sshd_pid <= 0 ||
	    strlen(osock) >= sizeof sock)) {
		fprintf(stderr, "bench-ssh: --openssh needs --user, --key, "
		    "--socket and --sshd-pid\n");
		return 2;
	}
	if (openssh && ssh_pki_import_privkey_file(keyfile, NULL, NULL, NULL,
	    &key) != SSH_OK) {
		fprintf(stderr, "bench-ssh: cannot read the key %s\n", keyfile);
		return 2;
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 2;
	snprintf(plan, sizeof plan, "%s/b.plan", dir);
	FILE *f = fopen(plan, "w");
	if (f == NULL)
		return 2;
	fputs("title = SSH bench\n[poll]\nid = q\nquestion = Which?\n"
	    "type = single\noptions = One | Two | Three\n", f);
	fclose(f);
	if (openssh)
		snprintf(sock, sizeof sock, "%s", osock);
	else
		snprintf(sock, sizeof sock, "%s/s", dir);
	snprintf(db, sizeof db, "%s/c.db", dir);
	port = openssh ? openssh : free_port();
	snprintf(spec, sizeof spec, "127.0.0.1:%d", port);
	setenv("XDG_DATA_HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("CONVENE_SSH_SOURCE_HANDSHAKES", "100000", 1);
	setenv("CONVENE_SSH_SOURCE_MAX", "100000", 1);
	if ((host = fork()) == 0) {
		int null = open("/dev/null", 1);

		dup2(null, 1);
		dup2(null, 2);
		if (openssh)
			execl(convene, "convene", "host", plan, "--headless",
			    "--db", db, "--socket", sock, (char *)NULL);
		else
			execl(convene, "convene", "host", plan, "--headless",
			    "--db", db, "--socket", sock, "--ssh", spec,
			    (char *)NULL);
		_exit(127);
	}
	for (int k = 0; k < 100 && ((!openssh && (gw = child_of(host)) == 0) ||
	    access(sock, F_OK) != 0); k++)
		usleep(100000);
	usleep(300000);
	base = held_kib(host, gw, 0, &procs);
	base_pss = held_kib(host, gw, 1, &procs);
	kids = calloc((size_t)workers, sizeof *kids);
	t0 = now();
	for (int w = 0; w < workers; w++)
		if ((kids[w] = fork()) == 0)
			worker(w);
	wait_all(sh->lobby, n, 300);
	for (int i = 0; i < n; i++)
		if (sh->lobby[i] > last)
			last = sh->lobby[i];
	printf("joined=%d\nfailed=%d\njoin_storm_s=%.2f\n", count(sh->lobby),
	    sh->failed, last - t0);
	sleep(2);		/* counts settle */
	joined = count(sh->lobby) ? count(sh->lobby) : 1;
	printf("kib_per_participant=%.0f\n",
	    (double)(held_kib(host, gw, 0, &procs) - base) / joined);
	printf("pss_kib_per_participant=%.0f\n",
	    (double)(held_kib(host, gw, 1, &procs) - base_pss) / joined);
	if (openssh)
		printf("sshd_procs=%d\n", procs);
	sh->go_next = now();
	ctl(convene, sock, "next");
	wait_all(sh->change, count(sh->lobby), 60);
	printf("change_p50_ms=%.1f\nchange_p99_ms=%.1f\n",
	    pct(sh->change, NULL, sh->go_next, 0.5),
	    pct(sh->change, NULL, sh->go_next, 0.99));
	sleep(1);
	t_open = sh->go_open = now();
	ctl(convene, sock, "open");
	wait_all(sh->ack, count(sh->lobby), 120);
	last = 0;
	for (int i = 0; i < n; i++)
		if (sh->ack[i] > last)
			last = sh->ack[i];
	printf("acked=%d\nanswers_per_s=%.0f\nack_p50_ms=%.1f\nack_p99_ms=%.1f\n",
	    count(sh->ack), last > t_open ? count(sh->ack) / (last - t_open) :
	    0, pct(sh->ack, sh->sent, 0, 0.5), pct(sh->ack, sh->sent, 0, 0.99));
	ctl(convene, sock, "status");
	answers = strstr(ctl_out, "\"answers\":");
	printf("answers=%d\n", answers ? atoi(answers + 10) : -1);
	if (answers == NULL)
		fprintf(stderr, "bench-ssh: ctl status: %s\n", ctl_out);
	sh->go_open = -1;
	for (int w = 0; w < workers; w++)
		waitpid(kids[w], NULL, 0);
	kill(host, SIGTERM);
	waitpid(host, NULL, 0);
	return 0;
}
