/* cmd-ctl.c: `convene ctl COMMAND`: steer a running host from a shell. */
#include <stdio.h>
#include <string.h>

#include "conn.h"

struct ctl {
	struct conn conn;
	int argc;
	char **argv;
	int status;
	int sent;
};

static void
on_state(struct conn *c)
{
	struct ctl *ctl = c->data;

	if (c->state == CONN_READY && !ctl->sent) {
		ctl->sent = 1;
		if (conn_send_ctl(c, ctl->argc, ctl->argv) != 0) {
			fprintf(stderr, "convene ctl: too many arguments\n");
			ctl->status = EXIT_USAGE;
			conn_close(c);
		}
	} else if (c->state == CONN_REFUSED || c->state == CONN_CLOSED) {
		if (ctl->status < 0) {
			fprintf(stderr, "convene ctl: cannot reach the host at "
			    "%s: %s\n", c->path, c->reason[0] ? c->reason :
			    "connection closed");
			ctl->status = c->state == CONN_REFUSED ? EXIT_BADINPUT :
			    EXIT_UNREACHABLE;
		}
		if (c->state == CONN_REFUSED)
			conn_close(c);
	}
}

static void
on_reply(struct conn *c, const struct msg_reply *r)
{
	struct ctl *ctl = c->data;

	fprintf(r->status == 0 ? stdout : stderr, "%s%s\n",
	    r->status == 0 ? "" : "convene ctl: ", r->text);
	ctl->status = r->status;
	conn_close(c);
}

int
cmd_ctl(int argc, char **argv)
{
	struct ctl ctl;
	struct msg_hello hello;
	char path[108];
	int i = 1;

	util_default_socket(path, sizeof path);
	if (argc > 2 && strcmp(argv[1], "--socket") == 0) {
		if (strlen(argv[2]) >= sizeof path) {
			fprintf(stderr, "convene: socket path too long (at most "
			    "107 bytes)\n");
			return EXIT_USAGE;
		}
		util_strlcpy(path, argv[2], sizeof path);
		i = 3;
	}
	if (i < argc && usage_asked(argv[i]))
		return usage_help("ctl");
	if (i >= argc)
		return usage_error("ctl");
	if (argc - i > CTL_MAX_ARGS) {
		fprintf(stderr, "convene ctl: at most %d words in all; quote "
		    "the text of say\n", CTL_MAX_ARGS);
		return EXIT_USAGE;
	}
	memset(&ctl, 0, sizeof ctl);
	memset(&hello, 0, sizeof hello);
	hello.view = VIEW_CTL;
	ctl.argc = argc - i;
	ctl.argv = argv + i;
	ctl.status = -1;
	conn_init(&ctl.conn, uv_default_loop(), path, &hello, 0);
	ctl.conn.data = &ctl;
	ctl.conn.on_state = on_state;
	ctl.conn.on_reply = on_reply;
	conn_start(&ctl.conn);
	uv_run(uv_default_loop(), UV_RUN_DEFAULT);
	if (ctl.conn.state != CONN_CLOSED)
		conn_close(&ctl.conn);
	uv_run(uv_default_loop(), UV_RUN_DEFAULT);
	uv_loop_close(uv_default_loop());
	return ctl.status < 0 ? EXIT_UNREACHABLE : ctl.status;
}
