#!/bin/sh
# C unit tests of common/domain/statement_doc.c
exec "${ONED_UNIT:-build/unit}/statement_doc"
