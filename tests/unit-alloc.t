#!/bin/sh
# C unit tests of common/alloc.c
exec "${ONED_UNIT:-build/unit}/alloc"
