/* snapshot.h: the state a client view draws, as sent by the host. */
#ifndef CONVENE_SNAPSHOT_H
#define CONVENE_SNAPSHOT_H

#include <stdint.h>

#include "protocol.h"

/*
 * A snapshot is everything one viewer needs to draw one screen: the shared
 * part (agenda, current activity, results if this viewer may see them) and
 * the viewer's own part (their answer).  It is encoded as tagged sections
 * (`u8 tag | u16 length | body`) so later activity kinds can add sections
 * that older clients skip.  Lists are capped so a snapshot always fits in
 * one frame; the counts (`joined`, `connected`) stay exact.
 */
#define SNAP_MAX_ITEMS 48
#define SNAP_MAX_OPTIONS 11	/* a 0..10 scale */
#define SNAP_MAX_PEOPLE 120
#define SNAP_TITLE_LEN 128
#define SNAP_QUESTION_LEN 480
#define SNAP_OPTION_LEN 120
#define SNAP_MAX_SITES 12
#define SNAP_MAX_TEXTS 24
#define SNAP_MAX_WORDS 20
#define TEXT_ANSWER_MAX TEXT_BYTES_MAX	/* a text answer (poll, form) */
#define SNAP_MAX_TABLES 60
#define SNAP_MAX_NOTES 64
#define NOTE_MAX_LEN TEXT_BYTES_MAX	/* one line of a shared note */
#define SNAP_SHORT_NAME 32
#define FORM_SUBSCALES 4	/* = FORM_MAX_SUBSCALES in convene.h */
#define SNAP_MAX_GROUPS 40	/* breakout groups */
#define SNAP_GROUP_MEMBERS 24	/* members listed per group */
#define COMMIT_TEXT_MAX TEXT_BYTES_MAX	/* change to test, measure */
#define COMMIT_OWNER_CHARS 60	/* characters: the owner */
#define COMMIT_DUE_CHARS 40	/* characters: by when, as typed */

enum act_kind {
	ACT_POLL = 0,
	ACT_CAFE,
	ACT_ASSESS,
	ACT_BREAKOUT,
	ACT_FEEDBACK,
	ACT_REPORTBACK = 5,
	ACT_STORYBOARD = 6,
	ACT_KIND_MAX
};

enum poll_type {
	POLL_SINGLE = 0,
	POLL_MULTI,
	POLL_SCALE,
	POLL_TEXT,
	POLL_RANK
};

enum act_state {
	ACT_WAITING = 0,	/* shown in the agenda, not yet opened */
	ACT_OPEN,		/* taking answers */
	ACT_CLOSED		/* answers final */
};

enum snap_flag {
	SNAP_RUNNABLE = 0x01,	/* agenda item this build can run */
	SNAP_RESULTS = 0x02,	/* counts are included for this viewer */
	SNAP_REVEALED = 0x04,	/* results revealed to participants */
	SNAP_ANONYMOUS = 0x08,
	SNAP_BY_SITE = 0x10,	/* sites[] holds a per-site breakdown */
	SNAP_WARNED = 0x20	/* the timer is in its last minute */
};

struct snap_item {
	char id[ID_MAX_LEN + 1];
	char title[SNAP_TITLE_LEN + 1];
	uint8_t kind;		/* enum act_kind */
	uint8_t flags;		/* SNAP_RUNNABLE */
	uint8_t state;		/* enum act_state */
};

struct snap_person {
	uint32_t id;
	char name[NAME_MAX_LEN + 1];
	char site[SITE_MAX_LEN + 1];
	uint8_t connected;
	uint8_t answered;	/* answered the current activity */
};

/* Results of one site (or of "other sites", folded below the threshold). */
struct snap_site {
	char name[SITE_MAX_LEN + 1];
	uint32_t n;		/* people who answered */
	uint32_t counts[SNAP_MAX_OPTIONS];
};

struct snap_text {
	uint32_t id;		/* answer id, for moderation */
	uint8_t hidden;		/* hidden from shared views */
	char text[TEXT_ANSWER_MAX + 1];
};

struct snap_word {
	char word[32];
	uint32_t count;
};

/* A café table in the current round (or a breakout group). */
struct snap_table {
	uint16_t number;	/* from 1 */
	uint8_t seated;
	uint8_t arrived;	/* of those seated, how many are connected */
	char host[SNAP_SHORT_NAME + 1];
	char people[160];	/* "Bo, Cara, Dev" (cut to fit) */
};

enum note_flag {
	NOTE_THEME = 0x1,	/* marked as a theme in the harvest */
	NOTE_MINE = 0x2,	/* written by this viewer */
	NOTE_PREV = 0x4		/* from the previous round at this table */
};

/* One line of a shared note (tablecloth or breakout note). */
struct snap_note {
	uint32_t id;
	uint16_t table;		/* table or group, from 1 */
	uint8_t round;
	uint8_t flags;		/* enum note_flag */
	char author[SNAP_SHORT_NAME + 1];
	char text[NOTE_MAX_LEN + 1];
};

/* How a breakout forms its groups (`groups =` in the plan). */
enum breakout_mode {
	BREAKOUT_SITE = 0,	/* each site's people together */
	BREAKOUT_MIXED,		/* sites spread evenly over the groups */
	BREAKOUT_CHOOSE		/* participants pick from `names` */
};

/* The parts of a breakout group's commitment, in the order shown. */
enum commit_field {
	COMMIT_CHANGE = 0,
	COMMIT_OWNER,
	COMMIT_DUE,
	COMMIT_MEASURE,
	COMMIT_FIELDS
};

/* A breakout group: its name, how busy its note is, its commitment (to
 * its members, and to everyone once the breakout closes) and, for the
 * facilitator and projector, who is in it. */
struct snap_group {
	char name[SNAP_SHORT_NAME + 1];
	char last[6];		/* "14:32": last edit (host's clock), or "" */
	uint16_t size;		/* members */
	uint16_t n_lines;	/* lines in its note */
	char commit[COMMIT_FIELDS][COMMIT_TEXT_MAX + 1];	/* "" unset */
	uint8_t n_members;
	uint32_t member_id[SNAP_GROUP_MEMBERS];
	char member[SNAP_GROUP_MEMBERS][SNAP_SHORT_NAME + 1];
};

/* Storyboard (act-storyboard-wire.c): each site's board of one measure,
 * its run chart, and the feedback other sites leave on it. */
#define SNAP_MAX_BOARDS 24
#define SNAP_STORY_POINTS 120	/* = MEASURE_POINTS_MAX (measures.h) */
#define SNAP_STORY_SIGNALS 16	/* = MEASURE_SIGNALS_MAX */
#define SNAP_STORY_CHARTS 2	/* the board visited, and the viewer's own */
#define SNAP_STORY_LINES 48
#define SNAP_MEASURE_LEN 80	/* = MEASURE_NAME_MAX */
#define STORY_LINE_CHARS 200	/* characters of one line of feedback */
#define STORY_LINE_MAX (4 * STORY_LINE_CHARS)

/* The three lines a visitor leaves on a board. */
enum story_part {
	STORY_IMPRESSED = 0,	/* what impressed us */
	STORY_QUESTION,		/* a question */
	STORY_IDEA,		/* an idea to try */
	STORY_PARTS
};

/* A site's board, as the dashboard and the projector list them. */
struct snap_board {
	char site[SITE_MAX_LEN + 1];
	uint16_t points;	/* 0: the site has no data for the measure */
	uint8_t signals;
	uint16_t visitors;	/* sent to it this round */
	uint16_t visited;	/* people sent to it in the rounds so far */
	uint16_t lines;		/* lines of feedback left on it */
};

struct snap_story_point {
	char period[11];	/* "2026-01" or "2026-01-15" */
	double value;
};

struct snap_story_signal {
	uint8_t rule;		/* enum runchart_rule (measures.h) */
	uint8_t above;
	uint16_t from, to;	/* indexes into the chart's points */
	char text[160];
};

/* One board's run chart: which board (from 1), its median and signals. */
struct snap_chart {
	uint8_t board;
	double median;
	uint16_t n_points;
	uint8_t n_signals;
	struct snap_story_point points[SNAP_STORY_POINTS];
	struct snap_story_signal signals[SNAP_STORY_SIGNALS];
};

/* A line of feedback on a board (from 1), by a person of another site. */
struct snap_story_line {
	uint32_t id;
	uint8_t board;
	uint8_t round;
	uint8_t part;		/* enum story_part */
	uint8_t flags;		/* NOTE_MINE */
	char author[SNAP_SHORT_NAME + 1];
	char site[SITE_MAX_LEN + 1];	/* the author's site */
	char text[STORY_LINE_MAX + 1];
};

/* Forms: one slot per question a participant answers (a commitment item
 * is three slots: what, who, by when).  Rating slots point at a shared
 * scale so a form states its labels once. */
#define SNAP_MAX_SLOTS 48
#define SNAP_MAX_SCALES 4
#define SNAP_SLOT_TEXT 240
#define SNAP_LABEL_LEN 64

enum slot_kind {
	SLOT_RATING = 0,
	SLOT_CHOICE,
	SLOT_TEXT
};

struct snap_scale {
	uint8_t n;
	char labels[SNAP_MAX_OPTIONS][SNAP_LABEL_LEN + 1];
	char values[SNAP_MAX_OPTIONS][8];
};

struct snap_slot {
	char id[48];
	uint8_t kind;		/* enum slot_kind */
	uint8_t scale;		/* rating and choice: index into scales[] */
	char text[SNAP_SLOT_TEXT + 1];
	char mine[TEXT_ANSWER_MAX + 1];	/* the viewer's (or site's) answer */
};

/* Results of a form for one site (row 0: all sites). */
struct snap_score {
	char site[SITE_MAX_LEN + 1];
	uint16_t members;	/* people of the site here */
	uint16_t started;
	uint16_t complete;	/* submitted */
	uint16_t partial;	/* submitted with questions left blank */
	uint8_t suppressed;	/* fewer people than the threshold */
	int32_t mean100[FORM_SUBSCALES];
	int32_t sd100[FORM_SUBSCALES];
	uint16_t n[FORM_SUBSCALES];
	int32_t prev100[FORM_SUBSCALES];	/* earlier session, or INT32_MIN */
	int16_t item10[SNAP_MAX_SLOTS];	/* slot mean x 10, -1 none */
	/* SEC_FACULTY (src/form/act-form-wire.c), when form_extra: */
	int32_t fac100[FORM_SUBSCALES];	/* faculty's mean, INT32_MIN none */
	uint16_t fac_n[FORM_SUBSCALES];	/* faculty who rated the site */
	int16_t rwg100[FORM_SUBSCALES];	/* rwg(j) x 100, -1 not defined */
};

/* A site a faculty member rates on a `rater = faculty` form (SEC_RATE). */
#define SNAP_MAX_RATE 32
enum rate_state {
	RATE_NONE = 0,		/* not rated yet */
	RATE_STARTED,		/* some questions answered */
	RATE_DONE		/* submitted */
};
struct snap_rate {
	char site[SITE_MAX_LEN + 1];
	uint8_t state;		/* enum rate_state */
};

/* Report back (ACT_REPORTBACK): what became of the commitments a site's
 * people made in the collaborative's previous learning session. */
#define SNAP_MAX_FOLLOWUPS 12	/* commitments of one site */
#define SNAP_MAX_RB_SITES 40	/* sites in the facilitator's tally */

enum followup_status {
	FOLLOW_NONE = 0,	/* not reported yet */
	FOLLOW_TESTED,
	FOLLOW_PARTLY,
	FOLLOW_NOT_YET,
	FOLLOW_DROPPED,
	FOLLOW_STATUSES
};

/* One site in the facilitator's and projector's tally: its commitments,
 * and how many have each status (count[FOLLOW_NONE]: not reported). */
struct snap_rbsite {
	char name[SITE_MAX_LEN + 1];
	uint8_t n;
	uint8_t count[FOLLOW_STATUSES];
};

/* One commitment of last time, as one site reports back on it. */
struct snap_followup {
	uint16_t id;		/* its number in the activity, from 1 */
	uint8_t status;		/* enum followup_status */
	char label[SNAP_SHORT_NAME + 1];	/* the group, or who made it */
	char commit[COMMIT_FIELDS][COMMIT_TEXT_MAX + 1];	/* "" unset */
	char learned[COMMIT_TEXT_MAX + 1];
	char next[COMMIT_TEXT_MAX + 1];
	char by[SNAP_SHORT_NAME + 1];	/* who reported it last, or "" */
};

struct snapshot {
	uint32_t seq;		/* grows with every change the host makes */
	uint8_t view;		/* enum view_kind this snapshot was cut for */
	char title[SNAP_TITLE_LEN + 1];
	char join_hint[SNAP_TITLE_LEN + 1];	/* how to join, for status bars */

	uint16_t n_items;
	int16_t current;	/* index into items, -1 in the lobby */

	/* The current activity (meaningful when current >= 0). */
	uint8_t kind;
	uint8_t state;
	uint8_t flags;		/* SNAP_RESULTS | SNAP_REVEALED | ... */
	char activity[ID_MAX_LEN + 1];
	char question[SNAP_QUESTION_LEN + 1];
	uint8_t n_options;
	char options[SNAP_MAX_OPTIONS][SNAP_OPTION_LEN + 1];
	uint32_t counts[SNAP_MAX_OPTIONS];	/* zero unless SNAP_RESULTS */
	uint32_t answered;	/* people who answered the current activity */
	int32_t remaining;	/* timer seconds, -1 when there is none */

	/* Poll details (kind == ACT_POLL). */
	uint8_t poll_type;	/* enum poll_type */
	uint8_t max_picks;	/* multi: at most this many options */
	int16_t scale_min;	/* scale: the value of option 0 */
	int32_t mean100;	/* scale: mean x 100; rank: unused */
	int32_t stat[SNAP_MAX_OPTIONS];	/* rank: mean rank x 100 */
	uint16_t text_max;	/* text: at most this many characters
				 * (the plan's max =), 0 when not a text */
	uint8_t n_sites;
	uint8_t n_texts;
	uint8_t n_words;

	uint32_t joined;
	uint32_t connected;
	char banner[TEXT_MAX_LEN + 1];	/* facilitator's message, or "" */

	/* Café (and breakout) details. */
	uint8_t round;		/* from 1; 0 before the first */
	uint8_t rounds;
	uint16_t my_table;	/* from 1; 0 when not seated */
	uint8_t i_host;
	char my_host[SNAP_SHORT_NAME + 1];
	uint16_t n_tables;
	uint16_t n_notes;
	uint16_t more_notes;	/* lines that did not fit */

	/* Breakout details (SEC_COMMIT); my_table is the viewer's group. */
	uint8_t recall;		/* everyone is called back: `remaining`
				 * counts down to the close */
	uint8_t group_mode;	/* enum breakout_mode */
	uint8_t n_groups;

	/* Storyboard (SEC_STORY_*): boards from 1, 0 for none. */
	char story_measure[SNAP_MEASURE_LEN + 1];
	uint8_t story_round;	/* from 1; 0 before the first */
	uint8_t story_rounds;
	uint8_t story_visit;	/* the board the viewer is sent to */
	uint8_t story_own;	/* the board of the viewer's site */
	uint8_t n_boards;
	uint8_t n_charts;
	uint16_t n_story_lines;
	uint16_t more_story_lines;	/* lines that did not fit */

	/* Forms (assess, feedback). */
	char form_title[SNAP_TITLE_LEN + 1];
	char form_source[SNAP_QUESTION_LEN + 1];
	uint8_t form_by;	/* 0 person, 1 site, 2 team */
	uint8_t submitted;	/* the viewer (or their site) submitted */
	uint8_t n_scales;
	uint8_t n_slots;
	uint8_t n_subscales;
	char subscales[FORM_SUBSCALES][32];
	uint8_t n_scores;
	/* Faculty ratings and agreement (SEC_FACULTY, SEC_RATE). */
	uint8_t form_extra;	/* the scores' fac100, fac_n, rwg100 are set */
	uint8_t form_rater;	/* rater = faculty: faculty rate each site */
	uint8_t rate_mode;	/* the viewer is faculty and rates sites */
	uint8_t n_rate;
	uint8_t rate_cur;	/* index into rate[] being rated, or RATE_PICK */
#define RATE_PICK 0xff

	/* Report back (SEC_RB_*): the session reported on (0: none earlier),
	 * the site whose commitments `followups` holds (the viewer's, or
	 * the one shown to the room). */
	uint32_t rb_from;
	char rb_from_title[SNAP_TITLE_LEN + 1];
	char rb_site[SITE_MAX_LEN + 1];
	uint8_t n_rbsites;
	uint8_t n_followups;

	/* The viewer's own part. */
	int16_t mine;		/* own answer (option index), -1 if none */
	char mine_value[VALUE_MAX_LEN + 1];	/* own answer as sent: "2",
						 * "1,3", a ranking, a text */

	/* Facilitator view only. */
	uint16_t n_people;

	/*
	 * The lists, last, from `items` on: each is read only up to its
	 * count above, and a decoder writes every field of every entry it
	 * counts.  So decoding clears only what comes before `items`, and a
	 * client never touches (keeps resident) the pages of lists it is
	 * not sent.
	 */
	struct snap_item items[SNAP_MAX_ITEMS];
	struct snap_site sites[SNAP_MAX_SITES];
	struct snap_word words[SNAP_MAX_WORDS];	/* most frequent first */
	struct snap_table tables[SNAP_MAX_TABLES];
	struct snap_scale scales[SNAP_MAX_SCALES];
	struct snap_score scores[SNAP_MAX_SITES + 1];
	struct snap_rate rate[SNAP_MAX_RATE];
	struct snap_person people[SNAP_MAX_PEOPLE];
	struct snap_rbsite rbsites[SNAP_MAX_RB_SITES];
	struct snap_board boards[SNAP_MAX_BOARDS];
	struct snap_chart charts[SNAP_STORY_CHARTS];

	/*
	 * The lists that hold what people typed, each entry room for a whole
	 * text (TEXT_BYTES_MAX): most of the struct's size, though a frame
	 * carries only a few long ones.  The host clears an entry of these
	 * when it adds it (session_snapshot() clears only what comes before
	 * `texts`), so a cut costs what it holds, not the struct's size.
	 */
	struct snap_text texts[SNAP_MAX_TEXTS];	/* newest first */
	struct snap_note notes[SNAP_MAX_NOTES];
	struct snap_group groups[SNAP_MAX_GROUPS];
	struct snap_slot slots[SNAP_MAX_SLOTS];
	struct snap_followup followups[SNAP_MAX_FOLLOWUPS];
	struct snap_story_line story_lines[SNAP_STORY_LINES];
};

/* snapshot.c */
int	snapshot_encode(struct wbuf *, const struct snapshot *);
void	snapshot_encode_mine(struct wbuf *, int16_t, const char *);
int	snapshot_decode(const struct frame *, struct snapshot *, const char **);
int	snapshot_fit(struct wbuf *, struct snapshot *);
const char *act_kind_name(unsigned);
const char *act_state_name(unsigned);
int	snapshot_first_blank(const struct snapshot *);

#endif
