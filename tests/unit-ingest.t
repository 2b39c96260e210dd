#!/bin/sh
# C unit tests of common/domain/ingest.c
exec "${ONED_UNIT:-build/unit}/ingest"
