/* convene.h: the core's types and functions (no curses here, ever). */
#ifndef CONVENE_CORE_H
#define CONVENE_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "protocol.h"
#include "snapshot.h"
#include "usage.h"

#define CONVENE_VERSION "0.1.0"

/* Exit codes, as DESIGN.md promises them. */
enum {
	EXIT_OK = 0,
	EXIT_BADINPUT = 1,
	EXIT_USAGE = 2,
	EXIT_UNREACHABLE = 3
};

enum reveal_mode {
	REVEAL_MANUAL = 0,
	REVEAL_LIVE,
	REVEAL_AFTER_CLOSE
};

struct form;		/* assess and feedback: act-form.h */
struct plan;

/* One `key = value` line of an activity, kept for kinds that read more. */
struct plan_kv {
	char *key;
	char *value;
	int line;
};

/*
 * One agenda item as the plan file gives it.  Common keys are parsed into
 * fields; everything else stays in `kv` for the activity kind to read.
 * `runnable` is set when this build can run the item; others are listed in
 * the agenda as coming.
 */
struct plan_activity {
	enum act_kind kind;
	int line;		/* where `[kind]` stood */
	char id[ID_MAX_LEN + 1];
	char *title;		/* short agenda label */
	char *question;		/* question or prompt */
	int minutes;		/* 0: no timer */
	int auto_close;
	int anonymous;
	enum reveal_mode reveal;
	enum poll_type poll_type;
	char **options;
	int n_options;
	int runnable;
	struct plan_kv *kv;
	size_t n_kv;
	struct plan *plan;	/* the plan this item belongs to */
	struct form *form;	/* assess and feedback: the loaded form */
};

struct plan {
	char *path;
	char *title;
	char *collaborative;
	struct plan_activity *acts;
	size_t n_acts;
};

/* plan.c */
int	plan_parse(const char *, size_t, const char *, struct plan *, char *,
	    size_t);
int	plan_load(const char *, struct plan *, char *, size_t);
void	plan_free(struct plan *);
const char *plan_kv_get(const struct plan_activity *, const char *);
/* kvfile.c: diagnostics as `FILE:LINE: message` lines in `err`. */
#define KV_MAX_ERRORS 20
struct kvdiag {
	const char *file;
	int line;		/* the line being read */
	char *err;
	size_t errlen;
	int nerr;
};
void	kv_fail(struct kvdiag *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	kv_done(struct kvdiag *);
char	*kv_trim(char *);
int	kv_split(const char *, char **, int);
void	kv_lines(const char *, size_t, struct kvdiag *,
	    void (*)(void *, const char *, const char *, int), void *);
int	kv_read(const char *, char **, size_t *, char *, size_t);

/* util.c */
int64_t	util_now_ms(void);
int	util_minutes_arg(int, char **, long *, char *, size_t);
void	util_random_hex(char *, size_t);
void	util_sanitize(char *, size_t);
size_t	util_utf8_cut(const char *, size_t);
size_t	util_utf8_chars(const char *);
int	util_utf8_valid(const char *, size_t);
int	util_text_check(char *, int, char *, size_t);
int	util_mkdir_p(const char *, unsigned);
void	util_default_socket(char *, size_t);
void	util_default_db(char *, size_t);
void	util_strlcpy(char *, const char *, size_t);
uint64_t util_siphash(const unsigned char[16], const void *, size_t);
void	util_key_from_hex(const char *, unsigned char[16]);

/* self.c */
void	self_command(char *, size_t);
void	self_append_word(char *, size_t, const char *);
void	self_tree_forms(char *, size_t);

/* store.c */
struct store;
struct session;
/* A participant's role, as the export's participants.role has it: "" for
 * none, ROLE_FACULTY for faculty (host --faculty-code, or a roster). */
#define ROLE_MAX_LEN 32
#define ROLE_FACULTY "faculty"
struct store_participant {
	int64_t id;
	char name[NAME_MAX_LEN + 1];
	char site[SITE_MAX_LEN + 1];
	char role[ROLE_MAX_LEN + 1];
};
int	store_open(const char *, struct store **, char *, size_t);
void	store_close(struct store *);
void	*store_db(struct store *);
int	store_begin(struct store *);
int	store_commit(struct store *);
void	store_rollback(struct store *);
int	store_in_tx(struct store *);
const char *store_error(struct store *);
int	store_schema_version(struct store *);
int	store_reclaim_space(struct store *);

/* store-session.c */
int64_t	store_session_create(struct store *, const struct plan *);
int64_t	store_session_find(struct store *, const struct plan *);
int	store_session_load(struct store *, int64_t, int *, int *, int *);
int	store_session_save(struct store *, int64_t, int, int, int);
int	store_session_end(struct store *, int64_t);
int64_t	store_activity_id(struct store *, int64_t, int, int *);
int64_t	store_site_id(struct store *, const char *);
int64_t	store_prev_activity(struct store *, int64_t, const char *,
	    const char *);
int	store_status_json(struct store *, const struct session *, int, int,
	    char *, size_t);
int	store_activity_state(struct store *, int64_t, int);
int64_t	store_participant_add(struct store *, int64_t, const char *,
	    const char *, const char *);
int	store_participant_by_token(struct store *, int64_t, const char *,
	    struct store_participant *);
int	store_participant_count_name(struct store *, int64_t, const char *);
int	store_participant_token(struct store *, int64_t, const char *);
int	store_participant_role(struct store *, int64_t, const char *);
int	store_participants(struct store *, int64_t,
	    void (*)(void *, const struct store_participant *), void *);

/*
 * One answer is one or more rows: a single choice is one row; a multiple
 * choice one row per option picked; a ranking one row per option with
 * its rank as value; a text one row.  `item` names the part ("" for a
 * one-row answer), `choice` the option (from 1; 0 for none).
 */
#define ANSWER_MAX_ROWS SNAP_MAX_OPTIONS
struct answer_row {
	char item[16];
	int choice;
	char value[VALUE_MAX_LEN + 1];
};
struct answer {
	int n;
	struct answer_row rows[ANSWER_MAX_ROWS];
	char canon[VALUE_MAX_LEN + 1];	/* as shown back to its author */
};

/* store-answer.c */
int	store_answer_put(struct store *, int64_t, int64_t, const char *,
	    const char *, const struct answer *);
int	store_answer_rows(struct store *, int64_t, int64_t, const char *,
	    void (*)(void *, const char *, int, const char *), void *);
int	store_answer_count(struct store *, int64_t);
int	store_tally(struct store *, int64_t,
	    void (*)(void *, int, int, double), void *);
int	store_tally_sites(struct store *, int64_t,
	    void (*)(void *, const char *, int, int), void *);
int	store_texts(struct store *, int64_t, int,
	    void (*)(void *, int64_t, int, const char *), void *);
int	store_answer_hide(struct store *, int64_t, int64_t, int);
int	store_answer_item(struct store *, int64_t, int64_t, const char *,
	    const char *, const char *);
int	store_answer_blank(struct store *, int64_t, int64_t, const char *,
	    const char *);
int	store_answer_all(struct store *, int64_t,
	    void (*)(void *, int64_t, const char *, const char *, const char *),
	    void *);

/* store-notes.c */
struct store_note {
	int64_t id;
	int round, tbl, grp;
	int64_t participant;
	char author[NAME_MAX_LEN + 1];
	const char *text;	/* valid during the callback */
	int theme;
	char at[24];
};
int	store_activity_round(struct store *, int64_t, int);
int	store_activity_get_round(struct store *, int64_t);
int64_t	store_note_add(struct store *, int64_t, int, int, int, int64_t,
	    const char *);
int	store_note_edit(struct store *, int64_t, int64_t, int64_t,
	    const char *);
int	store_note_theme(struct store *, int64_t, int64_t, int);
int	store_notes(struct store *, int64_t, int, int, int,
	    void (*)(void *, const struct store_note *), void *);

/* notes.c: a cache of an activity's shared-note lines. */
struct note {
	int64_t id;
	int round, tbl, grp, theme;
	int64_t author;
	char name[SNAP_SHORT_NAME + 1];
	char *text;		/* owned; a line holds up to NOTE_MAX_LEN */
};
struct notes {
	struct note *v;
	size_t n, cap;
};
struct participant;
int	notes_load(struct store *, int64_t, struct notes *);
void	notes_free(struct notes *);
const struct note *notes_find(const struct notes *, int64_t);
int	notes_intent(struct store *, int64_t, int, int, int, int64_t,
	    const char *, char *, size_t);
void	notes_snap(struct snapshot *, const struct note *, int,
	    const struct participant *, int);

/* A participant as the session knows them while it runs. */
struct participant {
	int64_t id;		/* store row id */
	char name[NAME_MAX_LEN + 1];
	char site[SITE_MAX_LEN + 1];
	char token[TOKEN_LEN + 1];	/* "" until they reconnect after --resume */
	char token_hash[17];	/* what the store keeps of the token */
	char role[ROLE_MAX_LEN + 1];	/* "" or ROLE_FACULTY, or a roster's */
	int connected;		/* live connections holding this seat */
	char **mine;		/* own answer per activity (canonical), or NULL */
	int touched;		/* answered in the turn not yet committed */
};

/* Faculty rate sites on forms marked `rater = faculty` (src/form/); here,
 * not in session.c, as the kinds below the host ask it. */
static inline int
participant_faculty(const struct participant *p)
{
	return p != NULL && strcmp(p->role, ROLE_FACULTY) == 0;
}

/* What the room sees of the current poll, re-read from the store after
 * each commit (so it is exactly what is stored). */
struct poll_results {
	uint32_t counts[SNAP_MAX_OPTIONS];
	int32_t stat[SNAP_MAX_OPTIONS];
	int32_t mean100;
	uint32_t answered;
	uint8_t n_sites;
	struct snap_site sites[SNAP_MAX_SITES];
	uint8_t n_texts;
	struct snap_text texts[SNAP_MAX_TEXTS];
	uint8_t n_words;
	struct snap_word words[SNAP_MAX_WORDS];
};

/* The runtime state of one agenda item. */
struct act_run {
	enum act_state state;
	int revealed;
	int64_t store_id;	/* activities row */
	int64_t deadline_ms;	/* timer end, 0 when none */
	int warned;		/* the one-minute warning was given */
	struct poll_results res;	/* refreshed from the store */
	void *data;		/* the kind's own runtime state, or NULL */
};

/*
 * The truth of a running session.  Every change goes through session_*()
 * so `seq` grows and the server knows to send new snapshots.  Answers are
 * written to the store inside the caller's transaction; the in-memory
 * tallies are re-read from the store after each commit so what the room
 * sees is exactly what is stored.
 */
enum {
	DIRTY_CURRENT = 1,	/* the current activity's runtime state */
	DIRTY_ALL = 2,		/* the agenda and every activity's state */
	DIRTY_PEOPLE = 4	/* everyone's own answers (touched overflowed) */
};

struct session {
	struct plan *plan;
	struct store *store;
	int64_t id;
	int current;		/* -1: lobby */
	struct act_run *runs;
	struct participant **people;
	size_t n_people;
	size_t cap_people;
	char banner[TEXT_MAX_LEN + 1];
	int by_site;		/* results broken down by site */
	/* People back from another terminal without their token, asking
	 * for the seat of the same name and site: the facilitator decides. */
	struct claim {
		uint32_t id;
		struct participant *p;
	} claims[16];
	int n_claims;
	uint32_t next_claim;
	int min_group;		/* smaller sites fold into "other sites" */
	uint32_t seq;
	int ended;
	int tallies_stale;
	int cut_stale;		/* a snapshot went out with stale tallies */
	/* What the turn not yet committed changed in memory, so that if its
	 * commit fails, session_unsaved() can go back to what is stored. */
	int dirty;		/* DIRTY_* */
	struct participant **touched;
	size_t n_touched, cap_touched;
	size_t n_connected;	/* people with a connection now */
	int64_t (*now)(void);	/* injectable clock for tests */
};

/* Activity kinds: one const table each, registered in activity.c. */
/* A ctl command a kind adds, in its `commands` (ended by a NULL name). */
struct kind_cmd {
	const char *name;
	int	(*exec)(struct session *, int, char **, char *, size_t);
};
/* What `ctl` says when no activity has started yet. */
#define SESSION_NO_CURRENT "no activity yet: use next to start the agenda"
struct kind_export;
struct kind_store;
struct kind_plan;
struct kind_rehearse;
struct kind_wire;
struct activity_ops {
	enum act_kind kind;
	/* Turn a participant's value into rows to store (NULL: a kind that
	 * takes only intents, such as notes and feedback lines). */
	int	(*answer)(const struct plan_activity *, const char *,
		    struct answer *, char *, size_t);
	/* Rebuild the canonical answer from stored rows (after resume; NULL:
	 * none). */
	void	(*restore)(const struct plan_activity *, const struct answer *,
		    char *, size_t);
	/* Re-read results from the store. */
	void	(*refresh)(struct session *, int);
	/* Fill the activity part of a snapshot for one viewer (NULL when
	 * not a participant). */
	void	(*snapshot)(const struct session *, int, int,
		    const struct participant *, struct snapshot *);
	/* Optional hooks for kinds with more than one step (NULL if not):
	 * open: prepare before taking part (e.g. plan the café rotation);
	 * advance: `next` inside the activity: 1 moved on, 0 at its end;
	 * intent: take a participant's message instead of an answer;
	 * joined: someone (re)connected while it runs;
	 * resume: rebuild runtime state from the store after --resume;
	 * release: free runtime state. */
	int	(*open)(struct session *, int, char *, size_t);
	int	(*advance)(struct session *, int, char *, size_t);
	int	(*intent)(struct session *, int, struct participant *,
		    const char *, char *, size_t);
	void	(*joined)(struct session *, int, struct participant *);
	void	(*resume)(struct session *, int);
	void	(*release)(struct act_run *);
	const struct kind_export *export;	/* kind-export.h */
	const struct kind_store *store;		/* kind-store.h */
	/* The plan file's section: keys, checks, name (kind-plan.h). */
	const struct kind_plan *plan;
	/* Simulated participants of `--rehearse` (kind-rehearse.h; NULL:
	 * they sit this kind out). */
	const struct kind_rehearse *rehearse;
	/* Its sections of the snapshot (kind-wire.h). */
	const struct kind_wire *wire;
	/* Its ctl commands, or NULL. */
	const struct kind_cmd *commands;
	/* The option a stored answer picks, for the screen to mark (-1 for
	 * none; NULL: answers pick no one option). */
	int	(*mine)(const struct plan_activity *, const char *);
	/* Every participant sees the same snapshot but for their own part,
	 * so the host cuts it once per change (not the café: its table is
	 * the viewer's own). */
	int	shared_snapshot;
};

/* activity.c */
const struct activity_ops *activity_ops(enum act_kind);
int	activity_kind_parse(const char *, enum act_kind *);

/* commit.c: a commitment's parts, in breakouts and forms alike. */
const char *commit_name(int);
int	commit_field(const char *, size_t);
int	commit_check(int, char *, char *, size_t);

/* due.c: "by when", as a day. */
struct due_day {
	int y, m, d;
};
void	due_today(struct due_day *);
int	due_parse(const char *, const struct due_day *, struct due_day *);
int	due_stored(const char *, struct due_day *, const char **);
int	due_check(char *, size_t, const struct due_day *, char *, size_t);
void	due_show(const char *, const struct due_day *, char *, size_t);

/* session-cmd.c: above session.c and session-state.c */
int	session_command(struct session *, int, char **, char *, size_t);

/* session-state.c: below session.c and session-cmd.c */
int	session_save(struct session *, char *, size_t);
int	session_set_state(struct session *, enum act_state, char *, size_t);

/* session.c */
struct session *session_new(struct plan *, struct store *, int, char *,
	    size_t);
void	session_free(struct session *);
struct participant *session_join(struct session *, const char *,
	    const char *, const char *, char *, size_t);
void	session_connected(struct session *, struct participant *);
int	session_set_role(struct session *, struct participant *,
	    const char *);
struct participant *session_by_token(struct session *, const char *);
void	session_unjoin(struct session *, struct participant *);
struct participant *session_seat_for(struct session *, const char *,
	    const char *);
uint32_t session_claim_add(struct session *, struct participant *);
struct participant *session_claim_take(struct session *, uint32_t);
int	session_give_seat(struct session *, struct participant *);
int	session_answer(struct session *, struct participant *, const char *,
	    const char *, char *, size_t);
int	session_tick(struct session *);
void	session_refresh(struct session *);
void	session_disconnected(struct session *, struct participant *);
void	session_touch(struct session *, struct participant *, int);
void	session_saved(struct session *);
int	session_unsaved(struct session *);
void	session_snapshot(struct session *, const struct participant *, int,
	    struct snapshot *);
void	session_snapshot_mine(const struct session *,
	    const struct participant *, int16_t *, char *, size_t);
int	session_snapshot_shared(const struct session *, int);
int	session_status(struct session *, char *, size_t);

/* export.c */
struct export_opts {
	const char *session;	/* id, "latest" or "all" */
	const char *table;	/* csv: which table to stream */
	const char *out;	/* path or directory; NULL or "-" for stdout */
};
/*
 * One export format.  `write` gets the session ids as a JSON array (from
 * export_session_ids) and writes to the FILE, or, for a `multi` writer
 * whose FILE is NULL, one file per table into the directory opts->out.
 * It returns an exit code and leaves a message in the error buffer.
 */
struct export_writer {
	const char *name;
	int	(*write)(struct store *, const struct export_opts *, FILE *,
		    const char *, char *, size_t);
	int	multi;		/* writes one file per table under --out */
};
const struct export_writer *export_writer(const char *);
void	export_writer_names(char *, size_t);
int	export_session_ids(struct store *, const char *, char **, char *,
	    size_t);

/* export-csv.c */
extern const struct export_writer export_csv;
void	csv_cell(FILE *, const char *);

/* export-json.c */
extern const struct export_writer export_json;

/* cmd-*.c */
int	cmd_host(int, char **);
int	cmd_join(int, char **);
int	join_wait_host(const char *, int, int);	/* join-wait.c */

int	cmd_ctl(int, char **);
int	cmd_export(int, char **);
int	cmd_sessions(int, char **);
int	cmd_check(int, char **);
int	cmd_rotate(int, char **);
int	cmd_measures(int, char **);

#endif
