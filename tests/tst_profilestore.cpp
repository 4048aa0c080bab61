#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "profilestore.h"

using namespace Qt::StringLiterals;

class TstProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_file = m_dir->filePath(u"profiles.ini"_s);
    }

    void savesAndLoadsEveryField()
    {
        ConnectionProfile p;
        p.name = u"production"_s;
        p.host = u"db.example.com"_s;
        p.port = 6543;
        p.database = u"app"_s;
        p.user = u"alice"_s;
        p.sslMode = u"verify-full"_s;
        p.sslRootCert = u"/etc/ssl/ca.pem"_s;
        p.connectTimeoutSeconds = 7;
        {
            ProfileStore store(m_file);
            QVERIFY(store.save(p, true).has_value());
            store.setLastUsed(p.name);
        }
        ProfileStore store(m_file);
        QCOMPARE(store.names(), QStringList{u"production"_s});
        const auto loaded = store.load(u"production"_s);
        QVERIFY(loaded);
        QCOMPARE(loaded->name, p.name);
        QCOMPARE(loaded->host, p.host);
        QCOMPARE(loaded->port, p.port);
        QCOMPARE(loaded->database, p.database);
        QCOMPARE(loaded->user, p.user);
        QCOMPARE(loaded->sslMode, p.sslMode);
        QCOMPARE(loaded->sslRootCert, p.sslRootCert);
        QCOMPARE(loaded->connectTimeoutSeconds, p.connectTimeoutSeconds);
        QVERIFY(store.remembersPassword(p.name));
        QCOMPARE(store.lastUsed(), p.name);
        QVERIFY(!store.load(u"staging"_s));

        QFile ini(m_file);
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray content = ini.readAll();
        QVERIFY(content.contains("[profiles]") || content.contains("[profiles/production]")
                || content.contains("production\\"));
    }

    void namesAreSortedAndRemovable()
    {
        ProfileStore store(m_file);
        for (const QString &name : {u"staging"_s, u"Archive"_s, u"production"_s}) {
            ConnectionProfile p;
            p.name = name;
            p.host = u"h"_s;
            p.database = u"d"_s;
            p.user = u"u"_s;
            QVERIFY(store.save(p, false).has_value());
        }
        QCOMPARE(store.names(), (QStringList{u"Archive"_s, u"production"_s, u"staging"_s}));
        store.setLastUsed(u"staging"_s);
        store.remove(u"staging"_s);
        QCOMPARE(store.names(), (QStringList{u"Archive"_s, u"production"_s}));
        QVERIFY(store.lastUsed().isEmpty());
        QVERIFY(!store.remembersPassword(u"production"_s));
    }

    void badNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << u"   "_s;
        QTest::newRow("slash") << u"prod/eu"_s;
        QTest::newRow("backslash") << u"prod\\eu"_s;
        QTest::newRow("leading space") << u" prod"_s;
        QTest::newRow("too long") << QString(101, u'x');
    }

    void badNamesAreRefused()
    {
        QFETCH(QString, name);
        ProfileStore store(m_file);
        ConnectionProfile p;
        p.name = name;
        p.host = u"h"_s;
        QVERIFY(!ProfileStore::validateName(name).isEmpty());
        QVERIFY(!store.save(p, false).has_value());
        QVERIFY(store.names().isEmpty());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(TstProfileStore)
#include "tst_profilestore.moc"
