#!/bin/sh
# C unit tests of common/policy.c
exec "${ONED_UNIT:-build/unit}/policy"
