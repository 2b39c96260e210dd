#!/bin/sh
# C unit tests of common/domain/dsr.c
exec "${ONED_UNIT:-build/unit}/dsr"
