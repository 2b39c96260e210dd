#!/bin/sh
# C unit tests of common/domain/playlist.c
exec "${ONED_UNIT:-build/unit}/playlist"
