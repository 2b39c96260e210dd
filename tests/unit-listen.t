#!/bin/sh
# C unit tests of common/domain/listen.c
exec "${ONED_UNIT:-build/unit}/listen"
