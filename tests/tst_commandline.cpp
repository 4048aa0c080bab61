#include <QTemporaryFile>
#include <QTest>

#include "commandline.h"

using namespace Qt::StringLiterals;

class TstCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("demo");
        QTest::addColumn<bool>("reset");
        QTest::addColumn<int>("drafts");
        QTest::addColumn<QString>("profile");
        QTest::newRow("nothing") << QStringList{} << false << false << -1 << QString();
        QTest::newRow("profile") << QStringList{u"--profile"_s, u"production"_s} << false << false << -1
                                 << u"production"_s;
        QTest::newRow("demo") << QStringList{u"--demo"_s} << true << false << -1 << QString();
        QTest::newRow("reset implies demo") << QStringList{u"--demo-reset"_s} << true << true << -1 << QString();
        QTest::newRow("drafts imply demo") << QStringList{u"--demo-drafts"_s, u"1000000"_s} << true << false
                                           << 1000000 << QString();
        QTest::newRow("zero drafts") << QStringList{u"--demo"_s, u"--demo-drafts=0"_s} << true << false << 0
                                     << QString();
    }

    void parses()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, demo);
        QFETCH(bool, reset);
        QFETCH(int, drafts);
        QFETCH(QString, profile);
        const auto cl = CommandLine::parse(QStringList{u"staff-console"_s} + args);
        QVERIFY2(cl.has_value(), cl ? "" : qPrintable(cl.error()));
        QCOMPARE(cl->action, CommandLine::Action::Run);
        QCOMPARE(cl->demo, demo);
        QCOMPARE(cl->demoReset, reset);
        QCOMPARE(cl->demoDrafts, drafts);
        QCOMPARE(cl->profile, profile);
    }

    void refuses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"frobnicate"_s;
        QTest::newRow("drafts not a number") << QStringList{u"--demo-drafts"_s, u"many"_s} << u"many"_s;
        QTest::newRow("negative drafts") << QStringList{u"--demo-drafts=-5"_s} << u"-5"_s;
        QTest::newRow("demo and profile") << QStringList{u"--demo"_s, u"--profile"_s, u"p"_s} << u"either"_s;
        QTest::newRow("empty profile") << QStringList{u"--profile="_s} << u"--profile"_s;
        QTest::newRow("missing config") << QStringList{u"--config"_s, u"/nonexistent/sc.ini"_s}
                                        << u"/nonexistent/sc.ini"_s;
        QTest::newRow("stray argument") << QStringList{u"production"_s} << u"production"_s;
    }

    void refuses()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto cl = CommandLine::parse(QStringList{u"staff-console"_s} + args);
        QVERIFY(!cl.has_value());
        QVERIFY2(cl.error().contains(message), qPrintable(cl.error()));
    }

    void helpAndVersion()
    {
        const auto help = CommandLine::parse({u"staff-console"_s, u"--help"_s});
        QVERIFY(help && help->action == CommandLine::Action::Help);
        for (const QString &option : {u"--profile"_s, u"--demo"_s, u"--demo-reset"_s, u"--demo-drafts"_s,
                                      u"--config"_s, u"migrate"_s})
            QVERIFY2(help->text.contains(option), qPrintable(option));
        const auto version = CommandLine::parse({u"staff-console"_s, u"--version"_s});
        QVERIFY(version && version->action == CommandLine::Action::Version);
        QVERIFY(version->text.contains(QString::fromLatin1(STAFFCONSOLE_VERSION)));
    }

    void configFileIsKept()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        const auto cl = CommandLine::parse({u"staff-console"_s, u"--config"_s, file.fileName()});
        QVERIFY(cl);
        QCOMPARE(cl->configFile, file.fileName());
    }
};

QTEST_GUILESS_MAIN(TstCommandLine)
#include "tst_commandline.moc"
