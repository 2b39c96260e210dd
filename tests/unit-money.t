#!/bin/sh
# C unit tests of common/money.c
exec "${ONED_UNIT:-build/unit}/money"
