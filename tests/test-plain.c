/* test-plain.c: the line mode without a host: the renderer's lines for
 * each kind of snapshot (and silence when nothing changed), the parser's
 * answers and refusals, and typed bytes cut into lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "convene.h"
#include "plain.h"

/* Lines said, one string with a newline after each. */
struct said {
	char text[65536];
	int n;
};

static void
collect(void *arg, const char *line)
{
	struct said *sd = arg;
	size_t len = strlen(sd->text);

	snprintf(sd->text + len, sizeof sd->text - len, "%s\n", line);
	sd->n++;
}

struct fix {
	struct snapshot s;
	struct plain_view v;
	struct said sd;
	struct plain_out out;
	struct plain_input in;
};

static void
base(struct snapshot *s)
{
	memset(s, 0, sizeof *s);
	s->view = VIEW_PARTICIPANT;
	strcpy(s->title, "Plain test");
	s->n_items = 3;
	for (int i = 0; i < 3; i++) {
		snprintf(s->items[i].id, sizeof s->items[i].id, "a%d", i + 1);
		snprintf(s->items[i].title, sizeof s->items[i].title, "Item %d",
		    i + 1);
		s->items[i].flags = SNAP_RUNNABLE;
	}
	s->current = -1;
	s->remaining = -1;
	s->mine = -1;
	s->connected = 4;
}

static void
poll(struct snapshot *s, int type)
{
	base(s);
	s->current = 0;
	s->kind = ACT_POLL;
	s->state = ACT_OPEN;
	s->flags = SNAP_RUNNABLE;
	s->poll_type = (uint8_t)type;
	strcpy(s->activity, "a1");
	strcpy(s->question, "Which colour?");
	s->n_options = 4;
	strcpy(s->options[0], "Red");
	strcpy(s->options[1], "Green");
	strcpy(s->options[2], "Blue");
	strcpy(s->options[3], "Grey");
	s->max_picks = 2;
}

/* A 0..10 scale labelled at its ends, as the plan parser builds it. */
static void
scale010(struct snapshot *s)
{
	poll(s, POLL_SCALE);
	s->n_options = 11;
	s->scale_min = 0;
	for (int i = 0; i < 11; i++)
		snprintf(s->options[i], sizeof s->options[i], "%d", i);
	strcpy(s->options[0], "0 Not at all likely");
	strcpy(s->options[10], "10 Extremely likely");
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	plain_view_init(&f->v);
	f->out.line = collect;
	f->out.arg = &f->sd;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	free(*state);
	return 0;
}

/* Render and return what was said (and forget it for the next call). */
static const char *
render(struct fix *f)
{
	static char last[sizeof f->sd.text];

	f->sd.text[0] = '\0';
	f->sd.n = 0;
	plain_render(&f->v, &f->s, &f->out);
	memcpy(last, f->sd.text, sizeof last);
	return last;
}

static int
parse(struct fix *f, const char *line)
{
	return plain_parse(&f->v, &f->s, line, &f->in);
}

static void
test_lobby_once(void **state)
{
	struct fix *f = *state;

	base(&f->s);
	assert_non_null(strstr(render(f), "Session: Plain test.\nLobby: the "
	    "session will start soon."));
	assert_string_equal(render(f), "");	/* never a redraw */
	f->s.current = 1;
	f->s.state = ACT_WAITING;
	f->s.flags = SNAP_RUNNABLE;
	assert_string_equal(render(f), "Next: Item 2. Waiting for the "
	    "facilitator to open it.\n");
	f->s.items[1].flags = 0;
	f->s.flags = 0;
	assert_string_equal(render(f), "");
	f->s.current = 2;
	assert_string_equal(render(f), "Now in the room: Item 3. Nothing to "
	    "answer here.\n");
}

static void
test_poll_lines(void **state)
{
	struct fix *f = *state;
	const char *r;

	poll(&f->s, POLL_SINGLE);
	f->s.flags |= SNAP_ANONYMOUS;
	r = render(f);
	assert_non_null(strstr(r, "Poll: Which colour?\n1 Red\n2 Green\n"
	    "3 Blue\n4 Grey\nType one number, 1 to 4.\nAnonymous: your name "
	    "is not stored with this answer.\n"));
	strcpy(f->s.mine_value, "2");
	f->s.mine = 1;
	f->s.answered = 3;
	assert_string_equal(render(f), "");	/* the ack says it */
	f->s.state = ACT_CLOSED;
	assert_string_equal(render(f), "Poll closed. Your answer was saved: "
	    "Green.\n");
	f->s.flags |= SNAP_RESULTS | SNAP_REVEALED;
	f->s.counts[0] = 1;
	f->s.counts[1] = 2;
	assert_string_equal(render(f), "Results, 3 answered: Green 67%, Red "
	    "33%, Blue 0%, Grey 0%.\n");
	assert_string_equal(render(f), "");
	f->s.flags |= SNAP_BY_SITE;
	f->s.n_sites = 1;
	strcpy(f->s.sites[0].name, "North");
	f->s.sites[0].n = 2;
	f->s.sites[0].counts[1] = 2;
	r = render(f);
	assert_non_null(strstr(r, "By site, North, 2 answered: Red 0%, Green "
	    "100%, Blue 0%, Grey 0%.\n"));
}

static void
test_scales_in_words(void **state)
{
	struct fix *f = *state;
	const char *r;

	scale010(&f->s);
	r = render(f);
	assert_non_null(strstr(r, "Answer 0 to 10: 0 Not at all likely, 10 "
	    "Extremely likely.\nType one number, 0 to 10.\n"));
	/* Every point labelled: the labels in one line. */
	poll(&f->s, POLL_SCALE);
	strcpy(f->s.activity, "a2");
	f->s.current = 1;
	f->s.scale_min = 1;
	f->s.n_options = 3;
	strcpy(f->s.options[0], "1 Disagree");
	strcpy(f->s.options[1], "2 Neutral");
	strcpy(f->s.options[2], "3 Agree");
	f->s.flags |= SNAP_RESULTS;
	r = render(f);
	assert_non_null(strstr(r, "Answer: 1 Disagree, 2 Neutral, 3 Agree.\n"));
	assert_non_null(strstr(r, "Results are shown live: type results"));
	f->s.answered = 2;
	f->s.mean100 = 250;
	f->s.counts[1] = 1;
	f->s.counts[2] = 1;
	assert_string_equal(render(f), "");	/* live: only when asked */
	f->sd.text[0] = '\0';
	plain_render_results(&f->s, &f->out);
	assert_string_equal(f->sd.text, "Results, 2 answered, mean 2.50 on 1 "
	    "to 3: 1 Disagree 0%, 2 Neutral 50%, 3 Agree 50%.\n");
}

static void
test_text_and_rank_results(void **state)
{
	struct fix *f = *state;

	poll(&f->s, POLL_TEXT);
	f->s.n_options = 0;
	assert_non_null(strstr(render(f), "Type your answer, up to 1000 "
	    "characters.\n"));
	f->s.state = ACT_CLOSED;
	f->s.flags |= SNAP_RESULTS;
	f->s.answered = 3;
	f->s.n_words = 2;
	strcpy(f->s.words[0].word, "porters");
	f->s.words[0].count = 2;
	strcpy(f->s.words[1].word, "beds");
	f->s.words[1].count = 1;
	assert_non_null(strstr(render(f), "Results, 3 answered. Words: "
	    "porters 2, beds 1.\n"));
	poll(&f->s, POLL_RANK);
	strcpy(f->s.activity, "a2");
	f->s.n_options = 3;
	f->s.state = ACT_CLOSED;
	f->s.flags |= SNAP_RESULTS;
	f->s.answered = 2;
	f->s.counts[0] = 1;
	f->s.counts[1] = 4;
	f->s.counts[2] = 1;
	f->s.stat[0] = 250;
	f->s.stat[1] = 100;
	f->s.stat[2] = 250;
	assert_non_null(strstr(render(f), "Results, 2 ranked, by Borda "
	    "points: Green 4 (mean rank 1.00), Red 1 (mean rank 2.50), Blue 1 "
	    "(mean rank 2.50).\n"));
}

static void
test_timer_and_message(void **state)
{
	struct fix *f = *state;

	poll(&f->s, POLL_SINGLE);
	f->s.remaining = 180;
	assert_non_null(strstr(render(f), "Timer: 3 minutes.\n"));
	f->s.remaining = 150;
	assert_string_equal(render(f), "");
	f->s.remaining = 119;
	assert_string_equal(render(f), "Timer: 2 minutes left.\n");
	f->s.remaining = 118;
	assert_string_equal(render(f), "");
	f->s.remaining = 59;
	assert_string_equal(render(f), "Timer: 1 minute left.\n");
	f->s.remaining = 0;
	assert_string_equal(render(f), "Time is up.\n");
	f->s.remaining = 300;
	assert_string_equal(render(f), "Timer: now 5 minutes.\n");
	f->s.remaining = 20;	/* cut short: only the last one is news */
	assert_string_equal(render(f), "Timer: 1 minute left.\n");
	f->s.remaining = -1;
	assert_string_equal(render(f), "Timer stopped.\n");
	strcpy(f->s.banner, "Coffee \x1b[31muntil 10:45");
	assert_string_equal(render(f), "Message from the facilitator: Coffee "
	    "[31muntil 10:45\n");
	assert_string_equal(render(f), "");
	f->s.banner[0] = '\0';
	assert_string_equal(render(f), "");
}

static void
cafe(struct snapshot *s)
{
	base(s);
	s->current = 1;
	s->kind = ACT_CAFE;
	s->state = ACT_OPEN;
	s->flags = SNAP_RUNNABLE;
	strcpy(s->activity, "cafe");
	strcpy(s->question, "What stops it?");
	s->round = 1;
	s->rounds = 2;
	s->my_table = 3;
	strcpy(s->my_host, "Chidi");
	s->n_tables = 1;
	s->tables[0].number = 3;
	strcpy(s->tables[0].people, "Aisha, (away) Bo");
}

static void
note(struct snapshot *s, uint32_t id, const char *who, const char *text,
    int flags)
{
	struct snap_note *n = &s->notes[s->n_notes++];

	memset(n, 0, sizeof *n);
	n->id = id;
	n->table = 3;
	n->round = s->round;
	n->flags = (uint8_t)flags;
	strcpy(n->author, who);
	strcpy(n->text, text);
}

static void
test_cafe_lines(void **state)
{
	struct fix *f = *state;
	const char *r;

	strcpy(f->v.me, "Aisha");
	cafe(&f->s);
	note(&f->s, 7, "Chidi", "Bottles run out", 0);
	r = render(f);
	assert_non_null(strstr(r, "Café round 1 of 2: go to table 3, host "
	    "Chidi.\nTable 3, with: (away) Bo.\nQuestion: What stops it?\n"
	    "Tablecloth: 1 line this round. Type a line to add it.\n"
	    "Tablecloth, Chidi: Bottles run out\n"));
	assert_string_equal(render(f), "");
	strcpy(f->s.tables[0].people, "Aisha, Bo");	/* Bo is back */
	note(&f->s, 8, "Aisha", "Cultures wait", NOTE_MINE);
	assert_string_equal(render(f), "");
	strcpy(f->s.tables[0].people, "Aisha, Bo, Dev");
	note(&f->s, 9, "Bo", "No grab bag", 0);
	assert_string_equal(render(f), "Table 3 now, with: Bo, Dev.\n"
	    "Tablecloth, Bo: No grab bag\n");
	f->s.round = 2;
	f->s.i_host = 1;
	f->s.n_notes = 0;
	note(&f->s, 7, "Chidi", "Bottles run out", NOTE_PREV);
	r = render(f);
	assert_non_null(strstr(r, "Café round 2 of 2: you host table 3: stay "
	    "there and brief the newcomers.\n"));
	assert_non_null(strstr(r, "Last round here, Chidi: Bottles run out\n"));
	f->s.state = ACT_CLOSED;
	f->s.n_notes = 0;
	note(&f->s, 9, "Bo", "No grab bag", NOTE_THEME);
	note(&f->s, 7, "Chidi", "Bottles run out", 0);
	f->s.more_notes = 3;
	r = render(f);
	assert_non_null(strstr(r, "Café closed. Harvest: what every table "
	    "wrote, 5 lines.\nTheme: No grab bag (table 3, Bo)\nTable 3, "
	    "Chidi: Bottles run out\nHarvest: 3 more lines are in the "
	    "export.\n"));
	f->s.notes[1].flags |= NOTE_THEME;	/* marked in the harvest */
	assert_string_equal(render(f), "Theme: Bottles run out (table 3, "
	    "Chidi)\n");
}

static void
breakout(struct snapshot *s)
{
	base(s);
	s->current = 1;
	s->kind = ACT_BREAKOUT;
	s->state = ACT_OPEN;
	s->flags = SNAP_RUNNABLE;
	strcpy(s->activity, "bo");
	strcpy(s->question, "What will you test?");
	s->my_table = 1;
	s->n_groups = 2;
	strcpy(s->groups[0].name, "North");
	strcpy(s->groups[1].name, "South");
	s->n_tables = 1;
	strcpy(s->tables[0].people, "Aisha, Bo");
}

static void
test_breakout_lines(void **state)
{
	struct fix *f = *state;
	const char *r;

	strcpy(f->v.me, "Aisha");
	breakout(&f->s);
	r = render(f);
	assert_non_null(strstr(r, "Breakout: your group is North, with Bo.\n"
	    "Prompt: What will you test?\nCommitment: change to test: not "
	    "set; owner: not set; by when: not set; measure: not set.\n"));
	note(&f->s, 4, "Bo", "Try a huddle", 0);
	f->s.notes[0].table = 1;
	strcpy(f->s.groups[0].commit[COMMIT_OWNER], "Bo");
	assert_string_equal(render(f), "Note line 1, Bo: Try a huddle\n"
	    "Commitment, owner: Bo.\n");
	strcpy(f->s.notes[0].text, "Try a huddle daily");
	assert_string_equal(render(f), "Note line 1 changed, Bo: Try a huddle "
	    "daily\n");
	/* What this viewer sent is not news when it comes back. */
	f->v.sent_commit[COMMIT_DUE] = plain_commit_hash("Tue 8 Dec");
	strcpy(f->s.groups[0].commit[COMMIT_DUE], "Tue 8 Dec");
	assert_string_equal(render(f), "");
	f->s.recall = 1;
	f->s.remaining = 120;
	assert_string_equal(render(f), "Recall: back in the room in 2 "
	    "minutes.\n");
	f->s.state = ACT_CLOSED;
	strcpy(f->s.groups[1].commit[COMMIT_CHANGE], "Sepsis trolley");
	r = render(f);
	assert_non_null(strstr(r, "Breakout closed.\nCommitment of North: "
	    "change to test: not set; owner: Bo; by when: Tue 8 Dec; measure: "
	    "not set.\nCommitment of South: change to test: Sepsis trolley;"));
	/* Choose mode, no group yet: the groups to pick from. */
	breakout(&f->s);
	strcpy(f->s.activity, "bo2");
	f->s.group_mode = BREAKOUT_CHOOSE;
	f->s.my_table = 0;
	f->s.groups[0].size = 1;
	f->s.groups[1].size = 3;
	r = render(f);
	assert_non_null(strstr(r, "Breakout: pick a group: type group and its "
	    "number.\nGroup 1: North, 1 person.\nGroup 2: South, 3 people.\n"));
}

static void
form(struct snapshot *s)
{
	base(s);
	s->current = 2;
	s->kind = ACT_ASSESS;
	s->state = ACT_OPEN;
	s->flags = SNAP_RUNNABLE;
	strcpy(s->activity, "oric");
	strcpy(s->form_title, "Readiness");
	s->n_scales = 2;
	s->scales[0].n = 3;
	for (int i = 0; i < 3; i++)
		snprintf(s->scales[0].values[i], 8, "%d", i + 1);
	strcpy(s->scales[0].labels[0], "1 Disagree");
	strcpy(s->scales[0].labels[1], "2 Neutral");
	strcpy(s->scales[0].labels[2], "3 Agree");
	s->scales[1].n = 11;
	for (int i = 0; i < 11; i++) {
		snprintf(s->scales[1].values[i], 8, "%d", i);
		snprintf(s->scales[1].labels[i], SNAP_LABEL_LEN, "%d", i);
	}
	strcpy(s->scales[1].labels[0], "0 Not at all likely");
	strcpy(s->scales[1].labels[10], "10 Extremely likely");
	s->n_slots = 3;
	strcpy(s->slots[0].id, "q1");
	strcpy(s->slots[0].text, "We are ready.");
	strcpy(s->slots[1].id, "why");
	s->slots[1].kind = SLOT_TEXT;
	strcpy(s->slots[1].text, "Why?");
	strcpy(s->slots[2].id, "rec");
	s->slots[2].scale = 1;
	strcpy(s->slots[2].text, "Recommend?");
}

static void
test_form_lines(void **state)
{
	struct fix *f = *state;
	const char *r;

	form(&f->s);
	strcpy(f->s.slots[0].mine, "2");	/* resumed after a drop */
	r = render(f);
	assert_non_null(strstr(r, "Form: Readiness, 3 questions.\n"));
	assert_non_null(strstr(r, "You answered 1 of 3: carrying on at "
	    "question 2.\nQuestion 2 of 3: Why?\nType your answer, up to "
	    "1000 characters, or skip.\n"));
	assert_int_equal(f->v.form_cur, 1);
	f->v.form_cur = 2;
	f->sd.text[0] = '\0';
	plain_form_next(&f->v, &f->s, &f->out);
	assert_string_equal(f->sd.text, "Question 3 of 3: Recommend?\nAnswer 0 "
	    "to 10: 0 Not at all likely, 10 Extremely likely.\n");
	f->v.form_cur = 0;
	f->sd.text[0] = '\0';
	plain_form_next(&f->v, &f->s, &f->out);
	assert_string_equal(f->sd.text, "Question 1 of 3: We are ready.\n"
	    "Answer: 1 Disagree, 2 Neutral, 3 Agree.\nYour answer: 2.\n");
	f->v.form_cur = 3;
	f->sd.text[0] = '\0';
	plain_form_next(&f->v, &f->s, &f->out);
	assert_string_equal(f->sd.text, "End of the form: you answered 1 of "
	    "3.\nNot answered: 2, 3.\nType submit to send the form, or go N "
	    "to change an answer.\n");
	f->s.state = ACT_CLOSED;
	assert_string_equal(render(f), "Form closed. Thank you.\n");
}

static void
test_parse_commands(void **state)
{
	struct fix *f = *state;

	assert_int_equal(plain_parse(&f->v, NULL, "", &f->in), PW_NONE);
	assert_int_equal(plain_parse(&f->v, NULL, "   ", &f->in), PW_NONE);
	assert_int_equal(plain_parse(&f->v, NULL, "HELP", &f->in), PW_HELP);
	assert_int_equal(plain_parse(&f->v, NULL, " again ", &f->in),
	    PW_AGAIN);
	assert_int_equal(plain_parse(&f->v, NULL, "status", &f->in),
	    PW_STATUS);
	assert_int_equal(plain_parse(&f->v, NULL, "quit", &f->in), PW_QUIT);
	assert_int_equal(plain_parse(&f->v, NULL, "3", &f->in), PW_ERROR);
	assert_string_equal(f->in.error, "Not connected yet: wait for the "
	    "session.");
	base(&f->s);
	assert_int_equal(parse(f, "3"), PW_ERROR);
	assert_string_equal(f->in.error, "Nothing to answer now: the next "
	    "question will appear by itself.");
	poll(&f->s, POLL_TEXT);
	assert_int_equal(parse(f, "\"help\""), PW_ANSWER);
	assert_string_equal(f->in.answer, "help");
	f->s.state = ACT_CLOSED;
	assert_int_equal(parse(f, "late"), PW_ERROR);
	assert_string_equal(f->in.error, "This has closed: answers are no "
	    "longer taken.");
}

static void
test_parse_choices(void **state)
{
	struct fix *f = *state;

	poll(&f->s, POLL_SINGLE);
	assert_int_equal(parse(f, "3"), PW_ANSWER);
	assert_string_equal(f->in.answer, "3");
	assert_string_equal(f->in.said, "Saved: Blue. You can change it until "
	    "the poll closes.");
	assert_int_equal(parse(f, "green"), PW_ANSWER);
	assert_string_equal(f->in.answer, "2");
	assert_int_equal(parse(f, "5"), PW_ERROR);
	assert_string_equal(f->in.error, "Pick 1-4.");
	assert_int_equal(parse(f, "0"), PW_ERROR);
	assert_int_equal(parse(f, "1 2"), PW_ERROR);
	assert_string_equal(f->in.error, "Pick 1-4: one number.");
	assert_int_equal(parse(f, "3x"), PW_ERROR);

	poll(&f->s, POLL_MULTI);
	assert_int_equal(parse(f, "4 1"), PW_ANSWER);
	assert_string_equal(f->in.answer, "1,4");
	assert_string_equal(f->in.said, "Saved: Red, Grey. You can change it "
	    "until the poll closes.");
	assert_int_equal(parse(f, "1,2,3"), PW_ERROR);
	assert_string_equal(f->in.error, "Pick at most 2: you gave 3.");
	assert_int_equal(parse(f, "2 2"), PW_ERROR);
	assert_string_equal(f->in.error, "Option 2 is there twice: give each "
	    "once.");
	assert_int_equal(parse(f, "1 9"), PW_ERROR);
	assert_string_equal(f->in.error, "Pick 1-4: 9 is not an option.");

	poll(&f->s, POLL_RANK);
	assert_int_equal(parse(f, "3 1 2 4"), PW_ANSWER);
	assert_string_equal(f->in.answer, "3,1,2,4");
	assert_string_equal(f->in.said, "Saved: 1 Blue, 2 Red, 3 Green, 4 "
	    "Grey. You can change it until the poll closes.");
	assert_int_equal(parse(f, "3 1 2"), PW_ERROR);
	assert_string_equal(f->in.error, "Rank all 4, best first: you gave 3, "
	    "4 is missing.");
	assert_int_equal(parse(f, "3 1 1 2"), PW_ERROR);
	assert_string_equal(f->in.error, "Option 1 is there twice: give each "
	    "once.");
	assert_int_equal(parse(f, "3 1 2 5"), PW_ERROR);
}

static void
test_parse_scale_labels(void **state)
{
	struct fix *f = *state;

	/* A digit is the point with that label: 10 is the top, not 1 then
	 * 0; what is sent is the point's position (option 11). */
	scale010(&f->s);
	assert_int_equal(parse(f, "10"), PW_ANSWER);
	assert_string_equal(f->in.answer, "11");
	assert_string_equal(f->in.said, "Saved: 10 Extremely likely. You can "
	    "change it until the poll closes.");
	assert_int_equal(parse(f, "0"), PW_ANSWER);
	assert_string_equal(f->in.answer, "1");
	assert_int_equal(parse(f, "extremely likely"), PW_ANSWER);
	assert_string_equal(f->in.answer, "11");
	assert_int_equal(parse(f, "11"), PW_ERROR);
	assert_string_equal(f->in.error, "Pick 0-10.");
	assert_int_equal(parse(f, "-1"), PW_ERROR);
	assert_int_equal(parse(f, "5 6"), PW_ERROR);
	assert_true(plain_point("5.0", "5"));
	assert_false(plain_point("0.5", "5"));
	assert_true(plain_point("AGREE", "agree"));
}

static void
test_parse_text_limits(void **state)
{
	struct fix *f = *state;
	char text[1102];

	poll(&f->s, POLL_TEXT);
	memset(text, 'x', 1000);
	text[1000] = '\0';
	assert_int_equal(parse(f, text), PW_ANSWER);
	assert_string_equal(f->in.answer, text);
	assert_string_equal(f->in.said, "Saved your answer, 1000 characters. "
	    "You can change it until the poll closes.");
	strcat(text, "y");
	assert_int_equal(parse(f, text), PW_ERROR);
	assert_string_equal(f->in.error, "Too long: 1001 characters, at most "
	    "1000. Nothing was sent.");
	assert_int_equal(parse(f, "a\tb  \x1b[2Jc"), PW_ANSWER);
	assert_string_equal(f->in.answer, "a b [2Jc");
}

static void
test_parse_form(void **state)
{
	struct fix *f = *state;

	form(&f->s);
	f->v.form_cur = 0;
	assert_int_equal(parse(f, "3"), PW_ANSWER);
	assert_string_equal(f->in.answer, "q1=3");
	assert_string_equal(f->in.said, "Saved, question 1: 3 Agree.");
	assert_int_equal(f->in.slot, 0);
	assert_int_equal(parse(f, "neutral"), PW_ANSWER);
	assert_string_equal(f->in.answer, "q1=2");
	assert_int_equal(parse(f, "4"), PW_ERROR);
	assert_string_equal(f->in.error, "Pick 1-3, or type skip.");
	assert_int_equal(parse(f, "back"), PW_ERROR);
	assert_string_equal(f->in.error, "This is the first question.");
	assert_int_equal(parse(f, "skip"), PW_MOVE);
	assert_int_equal(f->in.slot, 1);
	assert_int_equal(parse(f, "go 3"), PW_MOVE);
	assert_int_equal(f->in.slot, 2);
	assert_int_equal(parse(f, "go 4"), PW_ERROR);
	assert_string_equal(f->in.error, "Pick a question 1-3.");
	f->v.form_cur = 1;
	assert_int_equal(parse(f, "Time and a sponsor"), PW_ANSWER);
	assert_string_equal(f->in.answer, "why=Time and a sponsor");
	f->v.form_cur = 2;	/* a 0..10 rating: 9 is the point labelled 9 */
	assert_int_equal(parse(f, "9"), PW_ANSWER);
	assert_string_equal(f->in.answer, "rec=9");
	assert_int_equal(parse(f, "10"), PW_ANSWER);
	assert_string_equal(f->in.answer, "rec=10");
	f->v.form_cur = 3;
	assert_int_equal(parse(f, "5"), PW_ERROR);
	assert_string_equal(f->in.error, "End of the form: type submit, or go "
	    "N to change an answer.");
	assert_int_equal(parse(f, "submit"), PW_ANSWER);
	assert_string_equal(f->in.answer, "submit");
}

static void
test_parse_notes(void **state)
{
	struct fix *f = *state;

	cafe(&f->s);
	assert_int_equal(parse(f, "Bottles run out"), PW_ANSWER);
	assert_string_equal(f->in.answer, "+Bottles run out");
	f->s.my_table = 0;
	assert_int_equal(parse(f, "Bottles"), PW_ERROR);

	breakout(&f->s);
	note(&f->s, 41, "Bo", "Theirs", 0);
	note(&f->s, 42, "Aisha", "Mine", NOTE_MINE);
	assert_int_equal(parse(f, "Try a huddle"), PW_ANSWER);
	assert_string_equal(f->in.answer, "+Try a huddle");
	assert_int_equal(parse(f, "owner: Bo Okafor"), PW_ANSWER);
	assert_string_equal(f->in.answer, "!owner Bo Okafor");
	assert_int_equal(f->in.commit, COMMIT_OWNER);
	assert_int_equal(parse(f, "Due:  next Tuesday"), PW_ANSWER);
	assert_string_equal(f->in.answer, "!due next Tuesday");
	assert_int_equal(parse(f, "measure:"), PW_ERROR);
	assert_string_equal(f->in.error, "Type the measure after measure: on "
	    "the same line.");
	assert_int_equal(parse(f, "edit 2 Mine, better"), PW_ANSWER);
	assert_string_equal(f->in.answer, "=42 Mine, better");
	assert_int_equal(parse(f, "edit 1 Not mine"), PW_ERROR);
	assert_string_equal(f->in.error, "Line 1 is not one of yours: you can "
	    "change only your own lines.");
	assert_int_equal(parse(f, "group 2"), PW_ANSWER);	/* not choose */
	assert_string_equal(f->in.answer, "+group 2");
	f->s.group_mode = BREAKOUT_CHOOSE;
	assert_int_equal(parse(f, "group 2"), PW_ANSWER);
	assert_string_equal(f->in.answer, "@2");
	assert_int_equal(parse(f, "group 3"), PW_ERROR);
	assert_string_equal(f->in.error, "Pick a group 1-2.");
	f->s.my_table = 0;
	assert_int_equal(parse(f, "a line"), PW_ERROR);
	assert_string_equal(f->in.error, "Pick a group first: type group and "
	    "its number.");
}

/* Bytes as a terminal or an SSH channel sends them. */
struct io {
	char text[16384];
	size_t len;
	int quit;
};

static void
io_write(void *arg, const char *s, size_t n)
{
	struct io *io = arg;

	if (io->len + n < sizeof io->text) {
		memcpy(io->text + io->len, s, n);
		io->len += n;
		io->text[io->len] = '\0';
	}
}

static void
io_quit(void *arg)
{
	((struct io *)arg)->quit = 1;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static void
feed(struct plain *p, const char *bytes)
{
	plain_feed(p, (const unsigned char *)bytes, strlen(bytes));
}

static void
test_feed_bytes(void **state)
{
	static struct io io;
	struct msg_hello hello;
	struct plain *p;
	uv_loop_t loop;

	(void)state;
	memset(&io, 0, sizeof io);
	memset(&hello, 0, sizeof hello);
	uv_loop_init(&loop);
	p = plain_start_io(&loop, "/nonexistent/convene.sock", &hello,
	    io_write, &io, io_quit, &io);
	assert_non_null(p);
	plain_set_options(p, PLAIN_ECHO | PLAIN_CRLF);
	uv_run(&loop, UV_RUN_NOWAIT);
	assert_non_null(strstr(io.text, "Your name:\r\n"));
	/* DEL and Backspace rub out; an arrow key's sequence is dropped. */
	feed(p, "Bx\x7fo\x1b[D\r");
	assert_non_null(strstr(io.text, "Bx\b \bo\r\n"));
	assert_non_null(strstr(io.text, "Your site"));
	feed(p, "\r\n");	/* no site */
	assert_non_null(strstr(io.text, "Connecting...\r\n"));
	io.len = 0;
	io.text[0] = '\0';
	/* CR LF is one end of line, LF and CR each one. */
	feed(p, "help\r\nhelp\nhelp\r");
	assert_int_equal(count(io.text, "Help: at any time"), 3);
	io.len = 0;
	io.text[0] = '\0';
	feed(p, "hx\bel\x15quit\n");
	assert_int_equal(count(io.text, "Help:"), 0);
	assert_non_null(strstr(io.text, "Leaving. Your answers are saved."));
	assert_int_equal(io.quit, 1);
	plain_stop(p);
	uv_run(&loop, UV_RUN_DEFAULT);
	assert_int_equal(uv_loop_close(&loop), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lobby_once, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_poll_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_scales_in_words, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_text_and_rank_results,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_timer_and_message, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cafe_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_breakout_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_form_lines, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_parse_commands, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_parse_choices, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_parse_scale_labels, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_parse_text_limits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_parse_form, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_parse_notes, setup,
		    teardown),
		cmocka_unit_test(test_feed_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
