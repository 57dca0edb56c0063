/* screen.h: one view module per activity, as a const table (no curses). */
#ifndef CONVENE_SCREEN_H
#define CONVENE_SCREEN_H

#include "keys.h"
#include "protocol.h"
#include "snapshot.h"
#include "ui.h"

/* What a key asks for; the client acts on it (screens never do I/O). */
enum screen_result {
	SCR_NONE = 0,
	SCR_REDRAW = 0x1,
	SCR_ANSWER = 0x2,	/* send intent->answer */
	SCR_CTL = 0x4,		/* send intent->argv */
	SCR_QUIT = 0x8,
	SCR_INPUT = 0x10	/* ask for a line of text: intent->prompt */
};

/* With SCR_INPUT, the text typed is sent as the answer (after `prefix`)
 * when argc is 0, else appended to argv as one more word of a command;
 * the field opens holding `answer` (the answer so far), then `seed`. */
struct intent {
	char prompt[80];
	char prefix[24];	/* put before a typed line ("+", "=ID ",
				 * "!measure ") */
	char answer[VALUE_MAX_LEN + 1];
	int seed;		/* SCR_INPUT: a key typed into the field as it
				 * opens (type-ahead), or 0 */
	int limit;		/* SCR_INPUT: characters the text may hold,
				 * 0 for TEXT_CHARS_MAX */
	int argc;
	char argv[CTL_MAX_ARGS][128];
};

/*
 * A screen.  `apply` takes each new snapshot and `key` each key press;
 * neither may draw or call curses, so tests drive them directly.  `draw`
 * renders from the snapshot and the screen's state, and does no I/O.
 */
struct screen {
	const char *name;
	void	*(*init)(void);
	void	(*free)(void *);
	void	(*apply)(void *, const struct snapshot *);
	int	(*key)(void *, const struct snapshot *, int, struct intent *);
	void	(*draw)(void *, const struct snapshot *, struct ui *);
};

/* The shared screens; each activity kind's is in its view (view.h). */
extern const struct screen screen_lobby;
extern const struct screen screen_dashboard;
extern const struct screen screen_projector;

/* screen.c */
const struct screen *screen_for(const struct snapshot *, int);
void	screen_header(struct ui *, const struct snapshot *);
int	screen_footer(struct ui *, const char *);
void	screen_help(struct ui *, const char *, const char *const *);
int	screen_notice(struct ui *, int, const char *, enum ui_role);
void	screen_timer(char *, size_t, int32_t);

/* number.c: digits typed on a scale, waiting where a label has two. */
struct number {
	char typed[4];		/* digits so far that start a longer label */
};
enum number_result {
	NUMBER_NONE = 0,	/* not a digit (or Enter with nothing typed) */
	NUMBER_BAD,		/* names no point: say the range */
	NUMBER_WAIT,		/* more digits may follow (or Enter) */
	NUMBER_CHOSEN		/* *point is the answer */
};
void	number_reset(struct number *);
int	number_key(struct number *, const char *const *, int, int, int *);
void	number_range(const char *const *, int, char *, size_t);
int	number_waits(const char *const *, int);

/* notes.c */
int	notes_draw(struct ui *, const struct snapshot *, int, int, int, int,
	    int, int, int);
int	notes_draw_wrapped(struct ui *, const struct snapshot *, int, int,
	    int, int);
int	screen_wrap(struct ui *, int, int, int, int, const char *,
	    const char *, int);
int	notes_count(const struct snapshot *, int);

#endif
