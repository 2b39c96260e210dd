#!/bin/sh
# C unit tests of common/domain/sheet.c
exec "${ONED_UNIT:-build/unit}/sheet"
