#!/bin/sh
# C unit tests of common/domain/transparency.c
exec "${ONED_UNIT:-build/unit}/transparency"
