/* rotate-designs.c: repeat-free rotations for shapes no finite field gives. */

#include <stddef.h>
#include <stdint.h>

#include "rotate.h"

/*
 * Found offline by this engine's own search given long budgets (the search
 * that tests/bench-rotate.c times).  Stored so that rooms of exactly these
 * shapes get them at once and every time, not with the luck of one short
 * search.  Character k of table is the table (0-9) of point k % (tables *
 * seats) in round k / (tables * seats); any person may stand for any point.
 */
const struct rotate_design rotate_designs[] = {
	{ 4, 3, 4,	/* 4 tables of 3, 4 rounds */
	    "012301230123321023011032103232102301230110323210" },
	{ 6, 3, 8,	/* 6 tables of 3, 8 rounds */
	    "0545214310213325405023421204145051333300543154025214122531000533"
	    "2114442510231341455025320445143520425023103115545134240301322051"
	    "5204233135421040" },
	{ 6, 4, 6,	/* 6 tables of 4, 6 rounds */
	    "4423110553523204035141201232243014401545553003215004355431210402"
	    "1312345223414014351203204203155501450411310320532455232450524243"
	    "2504413320151031" },
	{ 6, 5, 6,	/* 6 tables of 5, 6 rounds */
	    "0025251014052253331523104443413152000432241411242330453505153514"
	    "5022401143325432010452301530041531505335243010422225411432433450"
	    "2052015415415031432210240132100353510302454453145122" },
};

const size_t rotate_ndesigns = sizeof rotate_designs / sizeof rotate_designs[0];
