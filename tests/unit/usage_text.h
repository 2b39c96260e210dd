/*
 * usage_text.h - the usage stream an aggregate writes, as text, for the
 * unit tests of aggregate.c and intake.c to compare with what they expect.
 */
#ifndef USAGE_TEXT_H
#define USAGE_TEXT_H

#include <stdio.h>

#include "aggregate.h"

static const char *
usage_text(struct aggregate *u)
{
	static char buf[1024];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	struct table_writer w;

	table_writer_init(&w, f, 0);
	aggregate_write(u, &w);
	fclose(f);
	return buf;
}

#endif
