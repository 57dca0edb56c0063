/* usage.h: usage lines and --help (usage.c). */
#ifndef CONVENE_USAGE_H
#define CONVENE_USAGE_H

#include <stdio.h>

void	usage_print(FILE *, const char *);
int	usage_error(const char *);
int	usage_help(const char *);
int	usage_asked(const char *);
const char *usage_nearest(const char *);

#endif
