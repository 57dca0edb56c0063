/* breakout.c: a participant in a breakout group: the shared note, line by
 * line, and the group's commitment; in choose mode, the group picker. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breakout-view.h"

/* `sel` is the picked note line (index into notes[]), -1 to follow the
 * newest lines; `menu` the highlighted group in the picker. */
struct breakout {
	int sel;
	int menu;
	int picking;		/* the picker is up by request (g) */
	int confirm_quit;
	int help;		/* ?: the keys, over the screen */
	struct number num;	/* a group number being typed */
};

static const char *const help_keys[] = {
	"a         add a line to your group's note",
	"Up/Down   pick a line;  e or Enter changes it if it is yours",
	"c o w m   the commitment: change, owner, by when, measure",
	"g         choose another group (when groups are chosen)",
	"q         leave the session", NULL };

static const char *const commit_label[COMMIT_FIELDS] = {
	"Change to test", "Owner", "By when", "Measure"
};
static const char *const commit_word[COMMIT_FIELDS] = {
	"change", "owner", "due", "measure"
};
static const int commit_key[COMMIT_FIELDS] = { 'c', 'o', 'w', 'm' };

static void *
breakout_init(void)
{
	struct breakout *b = calloc(1, sizeof *b);

	if (b != NULL)
		b->sel = -1;
	return b;
}

static void
breakout_free(void *st)
{
	free(st);
}

static int
picker_up(const struct breakout *b, const struct snapshot *s)
{
	return s->state == ACT_OPEN && s->group_mode == BREAKOUT_CHOOSE &&
	    (s->my_table == 0 || b->picking) && s->n_groups > 0;
}

static void
breakout_apply(void *st, const struct snapshot *s)
{
	struct breakout *b = st;

	if (b->sel >= s->n_notes)
		b->sel = s->n_notes - 1;
	if (b->menu >= s->n_groups)
		b->menu = s->n_groups > 0 ? s->n_groups - 1 : 0;
	if (b->menu < 0)
		b->menu = 0;
}

static int
ask(struct intent *in, const char *prefix, const char *fmt, const char *a,
    const char *c)
{
	snprintf(in->prompt, sizeof in->prompt, fmt, a, c);
	snprintf(in->prefix, sizeof in->prefix, "%s", prefix);
	return SCR_INPUT;
}

static int
picker_key(struct breakout *b, const struct snapshot *s, int key,
    struct intent *in)
{
	switch (key) {
	case SK_UP:
		if (b->menu > 0)
			b->menu--;
		return SCR_REDRAW;
	case SK_DOWN:
		if (b->menu + 1 < s->n_groups)
			b->menu++;
		return SCR_REDRAW;
	case SK_ENTER:
		if (b->num.typed[0] != '\0')
			break;	/* ends a group number first */
		/* FALLTHROUGH */
	case ' ':
		number_reset(&b->num);
		b->picking = 0;
		snprintf(in->answer, sizeof in->answer, "@%d", b->menu + 1);
		return SCR_ANSWER | SCR_REDRAW;
	case SK_ESC:
		b->picking = 0;
		return SCR_REDRAW;
	}
	if ((key >= '0' && key <= '9') || key == SK_ENTER) {
		char v[SNAP_MAX_GROUPS][4];
		const char *vp[SNAP_MAX_GROUPS];
		int g;

		for (int i = 0; i < s->n_groups && i < SNAP_MAX_GROUPS; i++) {
			snprintf(v[i], sizeof v[i], "%d", i + 1);
			vp[i] = v[i];
		}
		if (number_key(&b->num, vp, s->n_groups, key, &g) !=
		    NUMBER_NONE && g >= 0)
			b->menu = g;
		return SCR_REDRAW;
	}
	return SCR_NONE;
}

static int
breakout_key(void *st, const struct snapshot *s, int key, struct intent *in)
{
	struct breakout *b = st;
	char prefix[24];

	if (b->confirm_quit) {
		b->confirm_quit = 0;
		return key == 'y' || key == 'Y' ? SCR_QUIT : SCR_REDRAW;
	}
	if (b->help) {
		b->help = 0;
		return SCR_REDRAW;
	}
	if (key == 'q' || key == 'Q' || key == SK_INTR) {
		b->confirm_quit = 1;
		return SCR_REDRAW;
	}
	if (key == '?' || key == SK_F1) {
		b->help = 1;
		return SCR_REDRAW;
	}
	if (picker_up(b, s))
		return picker_key(b, s, key, in);
	switch (key) {
	case SK_UP:
		b->sel = b->sel < 0 ? s->n_notes - 1 : b->sel > 0 ? b->sel - 1 :
		    0;
		return SCR_REDRAW;
	case SK_DOWN:
		if (b->sel >= 0 && b->sel + 1 < s->n_notes)
			b->sel++;
		else
			b->sel = -1;	/* past the end: follow new lines */
		return SCR_REDRAW;
	case SK_ESC:
		b->sel = -1;
		return SCR_REDRAW;
	}
	if (s->state != ACT_OPEN || s->my_table == 0)
		return SCR_NONE;
	if (key == 'g' && s->group_mode == BREAKOUT_CHOOSE) {
		b->picking = 1;
		b->menu = s->my_table - 1;
		return SCR_REDRAW;
	}
	if (key == 'a' || (key == SK_ENTER && b->sel < 0))
		return ask(in, "+", "Add a line to the note (Enter adds, Esc "
		    "keeps it for later):%s%s", "", "");
	if (key == 'e' && b->sel < 0)	/* no line picked: my newest */
		for (int i = s->n_notes - 1; i >= 0 && b->sel < 0; i--)
			if (s->notes[i].flags & NOTE_MINE)
				b->sel = i;
	if ((key == 'e' || key == SK_ENTER) && b->sel >= 0) {
		const struct snap_note *n = &s->notes[b->sel];

		if (!(n->flags & NOTE_MINE))
			return SCR_NONE;
		snprintf(prefix, sizeof prefix, "=%u ", n->id);
		snprintf(in->answer, sizeof in->answer, "%s", n->text);
		return ask(in, prefix, "Change your line (Enter saves, Esc "
		    "keeps it for later):%s%s", "", "");
	}
	for (int f = 0; f < COMMIT_FIELDS; f++)
		if (key == commit_key[f]) {
			const struct snap_group *g = s->my_table <= s->n_groups ?
			    &s->groups[s->my_table - 1] : NULL;

			snprintf(prefix, sizeof prefix, "!%s ", commit_word[f]);
			if (g != NULL)
				snprintf(in->answer, sizeof in->answer, "%s",
				    g->commit[f]);
			return ask(in, prefix, f == COMMIT_DUE ? "%s (a date or "
			    "a day, e.g. next Tuesday)%s:" : "%s%s:",
			    commit_label[f], "");
		}
	return SCR_NONE;
}

/* The countdown after `recall`, on every screen of the breakout. */
int
breakout_recall_line(struct ui *ui, const struct snapshot *s, int y)
{
	char t[16], line[64];

	if (!s->recall || s->state != ACT_OPEN)
		return y;
	screen_timer(t, sizeof t, s->remaining >= 0 ? s->remaining : 0);
	snprintf(line, sizeof line, "Back in the room in %s", t);
	ui_fill(ui, y, UI_WARN);
	ui_center(ui, y, line, UI_WARN);
	return y + 1;
}

static void
draw_picker(struct breakout *b, const struct snapshot *s, struct ui *ui,
    int y)
{
	char line[128];

	ui_text(ui, y++, 2, ui->cols - 4, "Pick your group (up/down, Enter):",
	    UI_TITLE);
	y++;
	for (int i = 0; i < s->n_groups && y < ui->rows - 3; i++) {
		snprintf(line, sizeof line, "%2d  %s  (%u %s)", i + 1,
		    s->groups[i].name, s->groups[i].size, s->groups[i].size == 1 ?
		    "person" : "people");
		ui_text(ui, y++, 4, ui->cols - 8, line, i == b->menu ?
		    UI_SELECT : i + 1 == s->my_table ? UI_GOOD : UI_NORMAL);
	}
}

static int
draw_commit(const struct snap_group *g, struct ui *ui, int y, int w,
    int open)
{
	char line[512];

	for (int f = 0; f < COMMIT_FIELDS; f++) {
		int set = g != NULL && g->commit[f][0] != '\0';

		snprintf(line, sizeof line, "%-15s %s", commit_label[f], set ?
		    g->commit[f] : open ? "" : "-");
		ui_text(ui, y, 2, w, line, set ? UI_NORMAL : UI_DIM);
		if (!set && open) {
			snprintf(line, sizeof line, "(%c to fill in)",
			    commit_key[f]);
			ui_text(ui, y, 18, w - 16, line, UI_DIM);
		}
		y++;
	}
	return y;
}

static void
breakout_draw(void *st, const struct snapshot *s, struct ui *ui)
{
	struct breakout *b = st;
	const struct snap_group *g = s->my_table > 0 && s->my_table <=
	    s->n_groups ? &s->groups[s->my_table - 1] : NULL;
	char line[512], lines[2][256];
	int y = s->banner[0] ? 2 : 1, w = ui->cols - 4, n, open =
	    s->state == ACT_OPEN, avail, first;

	screen_header(ui, s);
	y = breakout_recall_line(ui, s, y + 1);
	if (picker_up(b, s)) {
		draw_picker(b, s, ui, y);
		screen_footer(ui, b->confirm_quit ? "Leave the session? y = "
		    "leave" : "up/down pick  Enter join  q leave");
		return;
	}
	if (g == NULL) {
		ui_center(ui, y + 2, open ? "Finding you a group..." :
		    "The breakout has closed.", UI_DIM);
		screen_footer(ui, "q leave");
		return;
	}
	snprintf(line, sizeof line, "%s%s: %s", open ? "" : "Closed. ",
	    g->name, s->n_tables > 0 ? s->tables[0].people : "");
	ui_text(ui, y++, 2, w, line, UI_TITLE);
	n = text_wrap(s->question, w, ui->utf8, lines, 2);
	for (int i = 0; i < n; i++)
		ui_text(ui, y++, 2, w, lines[i], UI_NORMAL);
	y = draw_commit(g, ui, y, w, open);
	snprintf(line, sizeof line, "Shared note (%u line%s)%s", g->n_lines,
	    g->n_lines == 1 ? "" : "s", open ? ": a adds a line; up/down, e changes yours" : "");
	ui_text(ui, y++, 2, w, line, UI_DIM);
	avail = ui->rows - 2 - y;
	if (ui->notice[0] != '\0')
		avail--;
	first = b->sel < 0 ? s->n_notes - avail : b->sel - avail + 1;
	if (first < 0)
		first = 0;
	if (s->n_notes == 0 && avail > 0)
		ui_text(ui, y, 4, w - 2, open ? "Nothing yet. Press a to write "
		    "the first line." : "No lines were written.", UI_DIM);
	for (int i = first; i < s->n_notes && avail-- > 0; i++) {
		const struct snap_note *nt = &s->notes[i];

		snprintf(line, sizeof line, "%s%s: %s", nt->flags & NOTE_MINE ?
		    "* " : "  ", nt->author[0] ? nt->author : "someone",
		    nt->text);
		ui_text(ui, y++, 2, w, line, i == b->sel ? UI_SELECT :
		    UI_NORMAL);
	}
	if (ui->notice[0] != '\0')
		screen_notice(ui, ui->rows - 2, ui->notice, UI_WARN);
	if (b->help)
		screen_help(ui, "Keys (any key closes this)", help_keys);
	screen_footer(ui, b->confirm_quit ? "Leave the session? y = leave, "
	    "any other key = stay" : !open ? "up/down read  q leave" :
	    s->group_mode == BREAKOUT_CHOOSE ? "? help  a add  e change  "
	    "c/o/w/m commitment  g group  q leave" : "? help  a add a line  "
	    "e change yours  c/o/w/m commitment  q leave");
}

const struct screen screen_breakout = {
	.name = "breakout",
	.init = breakout_init,
	.free = breakout_free,
	.apply = breakout_apply,
	.key = breakout_key,
	.draw = breakout_draw,
};

const struct kind_view breakout_view = {
	.screen = &screen_breakout,
	.dash_count = breakout_dash_count,
	.dash_key = breakout_dash_key,
	.dash_draw = breakout_dash_draw,
	.dash_help = breakout_dash_help,
	.proj_draw = breakout_proj_draw,
};
