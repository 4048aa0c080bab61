#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "connectiondialog.h"
#include "mainwindow.h"
#include "pgfixture.h"
#include "profilestore.h"
#include "schemabanner.h"
#include "secretstore.h"
#include "session.h"
#include "settings.h"

using namespace Qt::StringLiterals;

namespace {

QAction *actionWithShortcut(QMainWindow &window, const QString &shortcut)
{
    const auto actions = window.findChildren<QAction *>();
    for (QAction *action : actions) {
        if (action->shortcut() == QKeySequence(shortcut))
            return action;
    }
    return nullptr;
}

} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(u"staff-console-tests"_s);
        QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
        QVERIFY(m_dir.isValid());
        m_profiles = std::make_unique<ProfileStore>(m_dir.filePath(u"profiles.ini"_s));
    }

    void everyActionHasAShortcut()
    {
        MainWindow window(*m_profiles, m_secrets);
        QVERIFY(window.windowTitle().startsWith(u"Staff Console"_s));
        const auto actions = window.findChildren<QAction *>();
        int menuActions = 0;
        for (const QAction *action : actions) {
            if (action->isSeparator() || action->menu() || action->text().isEmpty())
                continue;
            // A widget's own drop-down (the Created filter's Presets) is reached through its button,
            // which takes the keyboard focus: its items need no shortcut of their own.
            if (const auto *menu = qobject_cast<const QMenu *>(action->parent());
                menu && !qobject_cast<const QMenuBar *>(menu->parent()) && !qobject_cast<const QMenu *>(menu->parent())
                && !qobject_cast<const QMainWindow *>(menu->parent()))
                continue;
            ++menuActions;
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
            QVERIFY2(!action->objectName().isEmpty(), qPrintable(action->text()));
        }
        QVERIFY(menuActions >= 8);
    }

    void workspacesGetCtrlNumbersInOrder()
    {
        MainWindow window(*m_profiles, m_secrets);
        auto *tabs = window.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QCOMPARE(tabs->widget(0)->accessibleName(), u"Overview"_s);
        QCOMPARE(actionWithShortcut(window, u"Ctrl+1"_s)->text(), u"Overview"_s);
        auto *first = new QLabel(u"first"_s);
        auto *second = new QLabel(u"second"_s);
        window.addWorkspace(first, u"Test first"_s);
        window.addWorkspace(second, u"Test second"_s);
        const int i = tabs->indexOf(first);
        QCOMPARE(tabs->indexOf(second), i + 1);
        QVERIFY2(i + 2 <= 9, "this test needs two free Ctrl+<n> shortcuts");
        QAction *firstAction = actionWithShortcut(window, u"Ctrl+%1"_s.arg(i + 1));
        QAction *secondAction = actionWithShortcut(window, u"Ctrl+%1"_s.arg(i + 2));
        QVERIFY(firstAction && secondAction);
        QCOMPARE(firstAction->text(), u"Test first"_s);
        QCOMPARE(secondAction->text(), u"Test second"_s);
        secondAction->trigger();
        QCOMPARE(window.currentWorkspace(), second);
        QVERIFY(secondAction->isChecked());
        firstAction->trigger();
        QCOMPARE(window.currentWorkspace(), first);
        actionWithShortcut(window, u"Ctrl+1"_s)->trigger();
        QCOMPARE(window.currentWorkspace()->accessibleName(), u"Overview"_s);
    }

    void emptyDatabaseOffersMigrationThenIsUpToDate()
    {
        const ConnectionProfile db = PgFixture::instance().freshDatabase(u"tst_mainwindow_empty"_s);
        MainWindow window(*m_profiles, m_secrets);
        window.show();
        QSignalSpy changed(&window, &MainWindow::sessionChanged);
        window.openSession(new Session(db, QString(), true));
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 20000);
        QCOMPARE(window.windowTitle(),
                 u"Staff Console — %1@%2 (sandbox)"_s.arg(db.user, db.database));
        QVERIFY2(window.statusText().contains(u"Login: "_s + db.user), qPrintable(window.statusText()));
        QVERIFY(window.statusText().contains(u"Database: "_s + db.database));
        QVERIFY(window.statusText().contains(u"(missing)"_s));
        QVERIFY(window.schemaBanner()->offersMigration());
        QVERIFY(window.session()->schema()->state == SchemaStatus::State::Empty);

        QAction *migrate = actionWithShortcut(window, u"Ctrl+Shift+M"_s);
        QVERIFY(migrate && migrate->isEnabled());
        migrate->trigger();
        QMessageBox *confirm = nullptr;
        QTRY_VERIFY((confirm = window.findChild<QMessageBox *>()) != nullptr);
        QPushButton *apply = nullptr;
        for (QAbstractButton *b : confirm->buttons()) {
            if (b->text().contains(u"Migrate"_s))
                apply = qobject_cast<QPushButton *>(b);
        }
        QVERIFY(apply);
        apply->click();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 60000);
        QCOMPARE(window.session()->schema()->state, SchemaStatus::State::UpToDate);
        QVERIFY(window.schemaBanner()->text().isEmpty());
        QVERIFY(!window.session()->readOnly());
        QVERIFY(!migrate->isEnabled());

        // A version this build does not know: the console goes read-only and says why.
        {
            auto admin = PgFixture::instance().connect(db);
            QSqlQuery q(admin->db());
            QVERIFY(q.prepare(u"INSERT INTO staff_console_schema_version (version, name) VALUES (?, 'future')"_s));
            q.addBindValue(Migrator::latestVersion() + 100);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        actionWithShortcut(window, u"F5"_s)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 3, 20000);
        QVERIFY(window.session()->readOnly());
        QVERIFY2(window.schemaBanner()->text().contains(u"read-only"_s), qPrintable(window.schemaBanner()->text()));
        QVERIFY(!window.schemaBanner()->offersMigration());
    }

    void disconnectForgetsTheSession()
    {
        const ConnectionProfile db = PgFixture::instance().freshDatabase(u"tst_mainwindow_disconnect"_s);
        MainWindow window(*m_profiles, m_secrets);
        QSignalSpy changed(&window, &MainWindow::sessionChanged);
        window.openSession(new Session(db, QString(), false));
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 20000);
        QVERIFY(!window.windowTitle().contains(u"sandbox"_s));
        actionWithShortcut(window, u"Ctrl+Shift+D"_s)->trigger();
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.last().at(0).value<Session *>(), nullptr);
        QVERIFY(!window.session());
        QCOMPARE(window.windowTitle(), u"Staff Console — not connected"_s);
    }

    void failedStartShowsTheDialogFilledIn()
    {
        ConnectionProfile nowhere = PgFixture::instance().cluster().profile();
        nowhere.name = u"gone"_s;
        nowhere.host = u"/tmp/sc-no-such-socket-dir"_s;
        nowhere.port = 5999;
        MainWindow window(*m_profiles, m_secrets);
        window.show();
        window.openSession(new Session(nowhere, QString(), true));
        ConnectionDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<ConnectionDialog *>()) != nullptr, 20000);
        QVERIFY(!window.session());
        QVERIFY2(dialog->errorText().contains(u"cannot be reached"_s), qPrintable(dialog->errorText()));
        QCOMPARE(dialog->profile().host, nowhere.host);
        QCOMPARE(dialog->profile().port, 5999);
        QCOMPARE(window.windowTitle(), u"Staff Console — not connected"_s);
    }

    void connectsToASavedProfile()
    {
        ConnectionProfile db = PgFixture::instance().freshDatabase(u"tst_mainwindow_profile"_s);
        db.name = u"saved"_s;
        QVERIFY(m_profiles->save(db, false).has_value());
        MainWindow window(*m_profiles, m_secrets);
        QSignalSpy changed(&window, &MainWindow::sessionChanged);
        window.connectToProfile(u"saved"_s);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 20000);
        QCOMPARE(window.session()->profile().name, u"saved"_s);
        QVERIFY(!window.session()->sandbox());
        QCOMPARE(window.windowTitle(), u"Staff Console — %1@%2"_s.arg(db.user, db.database));
    }

    // `--config` with [database] uri and a password in the keychain: the dialog opens with the
    // file's fields and connects by itself.
    void connectsToTheManagedProfile()
    {
        ConnectionProfile db = PgFixture::instance().freshDatabase(u"tst_mainwindow_managed"_s);
        const QString ini = m_dir.filePath(u"managed.ini"_s);
        {
            QFile file(ini);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(u"[database]\nuri = \"%1\"\n"_s.arg(db.toUri()).toUtf8());
        }
        const auto settings = Settings::fromFile(ini);
        QVERIFY2(settings.has_value(), settings ? "" : qPrintable(settings.error()));
        QVERIFY(settings->database.has_value());
        const QString key = SecretStore::databaseKey(*settings->database);
        bool written = false;
        m_secrets.write(key, "trusted-anyway", this,
                        [&written](SecretStore::WriteResult r) { written = r.has_value(); });
        QTRY_VERIFY_WITH_TIMEOUT(written, 10000);

        MainWindow window(*m_profiles, m_secrets);
        QSignalSpy changed(&window, &MainWindow::sessionChanged);
        window.connectToManagedProfile(*settings->database);
        auto *dialog = window.findChild<ConnectionDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->profile().host, db.host);
        QCOMPARE(dialog->profile().port, db.port);
        QCOMPARE(dialog->profile().database, db.database);
        QCOMPARE(dialog->profile().user, db.user);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 20000);
        QCOMPARE(window.session()->profile().name, Settings::managedProfileName());
        QCOMPARE(window.session()->database(), db.database);

        bool removed = false;
        m_secrets.remove(key, this, [&removed](SecretStore::WriteResult) { removed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 10000);
    }

    void unknownProfileOpensTheDialog()
    {
        MainWindow window(*m_profiles, m_secrets);
        window.connectToProfile(u"never saved"_s);
        auto *dialog = window.findChild<ConnectionDialog *>();
        QVERIFY(dialog);
        QVERIFY2(dialog->errorText().contains(u"no saved profile named “never saved”"_s), qPrintable(dialog->errorText()));
        QVERIFY(!window.session());
    }

    void geometryIsSavedOnClose()
    {
        QSettings().remove(u"mainWindow"_s);
        {
            MainWindow window(*m_profiles, m_secrets);
            window.resize(900, 640);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.close();
        }
        QVERIFY(!QSettings().value(u"mainWindow/geometry"_s).toByteArray().isEmpty());
        MainWindow restored(*m_profiles, m_secrets);
        QCOMPARE(restored.size(), QSize(900, 640));
    }

private:
    QTemporaryDir m_dir;
    SecretStore m_secrets;
    std::unique_ptr<ProfileStore> m_profiles;
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
