#include <QTest>

#include "migrator.h"
#include "sqlscript.h"

using namespace Qt::StringLiterals;

class tst_SqlScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<QList<int>>("lines");
        QTest::newRow("plain") << u"SELECT 1;\nSELECT 2;"_s << QStringList{u"SELECT 1"_s, u"SELECT 2"_s} << QList<int>{1, 2};
        QTest::newRow("no final semicolon") << u"SELECT 1;\n\n  SELECT 2\n"_s
                                            << QStringList{u"SELECT 1"_s, u"SELECT 2"_s} << QList<int>{1, 3};
        QTest::newRow("comments") << u"-- a; b\nSELECT 1; /* x; /* nested; */ y; */ SELECT 2; -- tail;"_s
                                  << QStringList{u"SELECT 1"_s, u"SELECT 2"_s} << QList<int>{2, 2};
        QTest::newRow("quotes") << u"SELECT 'a;''b';\nSELECT \"we;ird\" FROM t;"_s
                                << QStringList{u"SELECT 'a;''b'"_s, u"SELECT \"we;ird\" FROM t"_s} << QList<int>{1, 2};
        QTest::newRow("escape string") << u"SELECT E'it\\'s;';SELECT 3"_s
                                       << QStringList{u"SELECT E'it\\'s;'"_s, u"SELECT 3"_s} << QList<int>{1, 1};
        QTest::newRow("dollar quotes") << u"DO $$ BEGIN PERFORM 1; END $$;\nDO $x$ a; $y$; $x$;"_s
                                       << QStringList{u"DO $$ BEGIN PERFORM 1; END $$"_s, u"DO $x$ a; $y$; $x$"_s}
                                       << QList<int>{1, 2};
        QTest::newRow("only comments") << u"-- nothing\n/* here */;;\n"_s << QStringList{} << QList<int>{};
    }

    void split()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, statements);
        QFETCH(QList<int>, lines);
        QStringList texts;
        QList<int> firstLines;
        for (const auto &[line, text] : SqlScript::split(sql)) {
            firstLines << line;
            texts << text;
        }
        QCOMPARE(texts, statements);
        QCOMPARE(firstLines, lines);
    }

    void everyMigrationSplitsIntoCompleteStatements()
    {
        for (const MigrationStep &step : Migrator::knownSteps()) {
            const QList<SqlScript::Statement> statements = SqlScript::split(step.sql);
            QVERIFY2(!statements.isEmpty(), qPrintable(step.label()));
            for (const SqlScript::Statement &statement : statements) {
                QVERIFY2(statement.line >= 1, qPrintable(step.label()));
                QVERIFY2(!statement.text.endsWith(u';'), qPrintable(statement.text));
                // A dollar-quoted body must not have been cut in two.
                QVERIFY2(statement.text.count(u"$$"_s) % 2 == 0, qPrintable(step.label() + u": "_s + statement.text));
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_SqlScript)
#include "tst_sqlscript.moc"
