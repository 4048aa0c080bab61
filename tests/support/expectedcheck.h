#pragma once

#include <QTest>

#include "dberror.h"

// QVERIFY2 evaluates its message even on success, which must not touch error() of a value.
inline QString errorText(const QString &e) { return e; }
inline QString errorText(const DbError &e) { return e.text(); }

#define SC_VERIFY_OK(expected)                                                  \
    do {                                                                        \
        if (!(expected))                                                        \
            QFAIL(qPrintable(errorText((expected).error())));                   \
    } while (false)
