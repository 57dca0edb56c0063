/* snapshot-sec.h: the tags of a snapshot's shared sections, for its
 * encoder (snapshot.c) and decoder (snapshot-decode.c).  The activity
 * kinds' own sections take their tags from SEC_KIND_FIRST on, each in
 * the kind's wire file (see kind-wire.h). */
#ifndef CONVENE_SNAPSHOT_SEC_H
#define CONVENE_SNAPSHOT_SEC_H

enum snap_section {
	SEC_HEAD = 1,		/* seq, view, title, join hint, counts, banner */
	SEC_AGENDA,		/* items and the current index */
	SEC_ACTIVITY,		/* current activity, options, counts */
	SEC_MINE,		/* the viewer's own answer */
	SEC_PEOPLE,		/* facilitator only */
	SEC_KIND_FIRST		/* 6: the first tag of a kind's own section */
};

#endif
