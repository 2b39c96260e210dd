/*
 * markup.h - text written inside XML or HTML: & < > " ' escaped, and the
 * control characters XML 1.0 does not allow dropped.
 */
#ifndef MARKUP_H
#define MARKUP_H

#include <stdio.h>

void markup_text(FILE *fp, const char *s);

#endif
