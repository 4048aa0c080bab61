#include "sqlscript.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

QList<SqlScript::Statement> SqlScript::split(const QString &sql)
{
    static const QRegularExpression dollarTag(u"\\G\\$([A-Za-z_][A-Za-z_0-9]*)?\\$"_s);
    const auto isWordChar = [](QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'$'; };

    QList<Statement> statements;
    const qsizetype n = sql.size();
    qsizetype i = 0;
    qsizetype start = -1;   // first code character of the current statement
    int line = 1;
    int startLine = 0;
    const auto skipTo = [&](qsizetype end) {
        end = std::min(end, n);
        line += int(QStringView(sql).mid(i, end - i).count(u'\n'));
        i = end;
    };
    const auto flush = [&](qsizetype end) {
        if (start >= 0)
            statements.append({startLine, sql.mid(start, end - start).trimmed()});
        start = -1;
    };

    while (i < n) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (c == u'-' && next == u'-') {
            const qsizetype eol = sql.indexOf(u'\n', i);
            skipTo(eol < 0 ? n : eol);
            continue;
        }
        if (c == u'/' && next == u'*') {
            int depth = 0;
            qsizetype j = i;
            do {
                if (sql.mid(j, 2) == u"/*"_s) {
                    ++depth;
                    j += 2;
                } else if (sql.mid(j, 2) == u"*/"_s) {
                    --depth;
                    j += 2;
                } else {
                    ++j;
                }
            } while (depth > 0 && j < n);
            skipTo(j);
            continue;
        }
        if (c.isSpace()) {
            skipTo(i + 1);
            continue;
        }
        if (c == u';') {
            flush(i);
            skipTo(i + 1);
            continue;
        }
        if (start < 0) {
            start = i;
            startLine = line;
        }
        if (c == u'\'' || c == u'"') {
            const bool escapes = c == u'\'' && i > 0 && (sql.at(i - 1) == u'E' || sql.at(i - 1) == u'e')
                                 && (i < 2 || !isWordChar(sql.at(i - 2)));
            qsizetype j = i + 1;
            while (j < n) {
                if (escapes && sql.at(j) == u'\\') {
                    j += 2;
                } else if (sql.at(j) == c) {
                    if (j + 1 < n && sql.at(j + 1) == c)
                        j += 2;
                    else
                        break;
                } else {
                    ++j;
                }
            }
            skipTo(j + 1);
            continue;
        }
        if (c == u'$' && (i == 0 || !isWordChar(sql.at(i - 1)))) {
            const QRegularExpressionMatch tag = dollarTag.match(sql, i);
            if (tag.hasMatch()) {
                const qsizetype close = sql.indexOf(tag.captured(0), i + tag.capturedLength(0));
                skipTo(close < 0 ? n : close + tag.capturedLength(0));
                continue;
            }
        }
        skipTo(i + 1);
    }
    flush(n);
    return statements;
}
