#!/bin/sh
# C unit tests of common/util/money.c
exec "${ONED_UNIT:-build/unit}/money"
