/* snapshot-sec.h: the tags of a snapshot's sections, for its encoder
 * (snapshot.c) and decoder (snapshot-decode.c). */
#ifndef CONVENE_SNAPSHOT_SEC_H
#define CONVENE_SNAPSHOT_SEC_H

enum snap_section {
	SEC_HEAD = 1,		/* seq, view, title, join hint, counts, banner */
	SEC_AGENDA,		/* items and the current index */
	SEC_ACTIVITY,		/* current activity, options, counts */
	SEC_MINE,		/* the viewer's own answer */
	SEC_PEOPLE,		/* facilitator only */
	SEC_POLL,		/* poll type, statistics */
	SEC_SITES,		/* per-site breakdown */
	SEC_TEXTS,		/* free-text answers */
	SEC_WORDS,		/* word frequencies of free text */
	SEC_TABLES,		/* café round, seat, tables; breakout groups */
	SEC_NOTES,		/* lines of shared notes */
	SEC_FORM,		/* assessment/feedback form: the item on screen */
	SEC_SCORES,		/* form results: completion and scores by site */
	SEC_COMMIT,		/* breakout: the group's commitment */
	SEC_TEXT_LIMIT		/* a text poll's own limit (max =) */
};

#endif
