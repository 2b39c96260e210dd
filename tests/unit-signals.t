#!/bin/sh
# C unit tests of common/util/out.c under SIGINT, SIGTERM and SIGHUP
exec "${ONED_UNIT:-build/unit}/signals"
