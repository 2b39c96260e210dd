#!/bin/sh
# C unit tests of common/util/keyval.c
exec "${ONED_UNIT:-build/unit}/keyval"
