/* act-cafe.h: the world-café kind (act-cafe*.c). */
#ifndef CONVENE_ACT_CAFE_H
#define CONVENE_ACT_CAFE_H

#include "convene.h"

/* The kind's parts, gathered in its activity_ops (act-cafe.c). */
extern const struct kind_plan cafe_plan;
extern const struct kind_rehearse cafe_rehearse;
extern const struct kind_wire cafe_wire;
extern const struct kind_export cafe_export;
extern const struct kind_store cafe_store;

/* act-cafe.c */
extern const struct activity_ops act_cafe_ops;

/* act-cafe-rows.c */
int	store_seats_clear(struct store *, int64_t, int);
int	store_seat_put(struct store *, int64_t, int, int, int64_t, int);
int	store_seats(struct store *, int64_t,
	    void (*)(void *, int, int, int64_t, int), void *);

#endif
