#!/bin/sh
# C unit tests of common/domain/catalog.c
exec "${ONED_UNIT:-build/unit}/catalog"
