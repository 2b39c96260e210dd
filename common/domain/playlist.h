/*
 * playlist.h - capsules written as playlists: M3U8 (UTF-8, #EXTINF with
 * seconds), XSPF 1 (escaped XML) and JSON (one object per capsule), with
 * titles, artists and lengths from the catalogue when one is given.
 */
#ifndef PLAYLIST_H
#define PLAYLIST_H

#include <stdio.h>

#include "capsule.h"
#include "catalog.h"

void playlist_m3u8(FILE *fp, const struct capsule *c, const struct catalog *cat);
void playlist_xspf(FILE *fp, const struct capsule *c, const struct catalog *cat);
/* Every capsule of set, or only the one with id only when not NULL. */
void playlist_json(FILE *fp, const struct capsule_set *set, const struct catalog *cat,
    const char *only);

#endif
