#!/bin/sh
# C unit tests of common/catalog.c
exec "${ONED_UNIT:-build/unit}/catalog"
