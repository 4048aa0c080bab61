#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "connectiondialog.h"
#include "draftservices.h"
#include "draftsworkspace.h"
#include "listseed.h"
#include "listtableview.h"
#include "mainwindow.h"
#include "pagedlistmodel.h"
#include "profilestore.h"
#include "github/githubclient.h"
#include "http/httpclient.h"
#include "secretstore.h"
#include "settingsaction.h"
#include "session.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"

using namespace Qt::StringLiterals;

// What keyboard users and screen readers get: Tab leaves every field, the focus comes back after a
// dialog, labels that show state say it to assistive technology, and no dialog or menu blocks the
// event loop (an action pressed through the accessibility bus gets its reply at once).
class TestAccessibility : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tabLeavesTheDateFields_data();
    void tabLeavesTheDateFields();
    void focusReturnsAfterADialog_data();
    void focusReturnsAfterADialog();
    void filterItemsSayWhatTheyFilter();
    void stateLabelsSayTheirText();
    void everyLabelExposesItsText();
    void exportDialogDoesNotBlock();
    void columnMenuDoesNotBlock();
    void settingsDialogsDoNotBlock();

private:
    ConnectionFactory factory() const;
    ConnectionProfile m_profile;
    QTemporaryDir m_dir;
    std::unique_ptr<ProfileStore> m_profiles;
    SecretStore m_secrets;
    QNetworkAccessManager m_network;
    HttpClient m_http{&m_network};
    GitHubClient m_github{&m_http};   // the running console's one client
};

namespace {

// The widget Tab (forward) or Shift+Tab reaches from `from`, by the focus chain's rules.
QWidget *nextTabStop(QWidget *from, bool forward)
{
    QWidget *window = from->window();
    QWidget *w = from;
    for (;;) {
        w = forward ? w->nextInFocusChain() : w->previousInFocusChain();
        if (w == from)
            return nullptr;
        const bool stop = (w->focusPolicy() & Qt::TabFocus) == Qt::TabFocus && !w->focusProxy()
                          && w->isVisibleTo(window) && w->isEnabled() && !from->isAncestorOf(w);
        if (stop)
            return w;
    }
}

// Runs `action`; true when it returned without waiting on a nested event loop. A blocking call
// would wait for its dialog or menu: the timer then closes that (so the test goes on) and
// records that the call had not returned yet.
bool returnsAtOnce(const std::function<void()> &action)
{
    bool returned = false;
    bool blocked = false;
    QTimer guard;
    guard.setInterval(200);
    QObject::connect(&guard, &QTimer::timeout, &guard, [&] {
        if (returned)
            return;
        blocked = true;
        if (QWidget *popup = QApplication::activePopupWidget())
            popup->close();
        else if (QWidget *modal = QApplication::activeModalWidget())
            modal->close();
    });
    guard.start();
    action();
    returned = true;
    return !blocked;
}

QString accessibleText(QObject *object, QAccessible::Text which)
{
    QAccessibleInterface *face = QAccessible::queryAccessibleInterface(object);
    return face ? face->text(which) : QString();
}

// Every label that shows text lets assistive technology hear it: as its name, or (where it has
// a fixed name) as its description.
void verifyLabelsExposeTheirText(QWidget *root)
{
    const auto labels = root->findChildren<QLabel *>();
    QVERIFY(!labels.isEmpty());
    for (QLabel *label : labels) {
        const QString text = label->text().remove(u'&');
        if (text.isEmpty() || label->textFormat() == Qt::RichText)
            continue;
        const QString name = accessibleText(label, QAccessible::Name);
        const QString description = accessibleText(label, QAccessible::Description);
        QVERIFY2(name.contains(text) || description.contains(text),
                 qPrintable(u"label \"%1\" is heard as \"%2\" / \"%3\""_s.arg(text, name, description)));
    }
}

} // namespace

void TestAccessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(u"staff-console-tests"_s);
    QCoreApplication::setApplicationName(u"tst_accessibility"_s);
    m_profiles = std::make_unique<ProfileStore>(m_dir.filePath(u"profiles.ini"_s));
    m_profile = ListSeed::create(u"accessibility"_s, 2279);
}

ConnectionFactory TestAccessibility::factory() const
{
    return [profile = m_profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

void TestAccessibility::tabLeavesTheDateFields_data()
{
    QTest::addColumn<bool>("until");     // the second field, else the first
    QTest::addColumn<bool>("forward");   // Tab, else Shift+Tab
    QTest::addColumn<bool>("anyDate");   // showing "any", else a date
    for (bool until : {true, false}) {
        for (bool forward : {true, false}) {
            for (bool anyDate : {true, false}) {
                QTest::addRow("%s %s %s", until ? "until" : "from", forward ? "Tab" : "Shift+Tab",
                              anyDate ? "any" : "date")
                    << until << forward << anyDate;
            }
        }
    }
}

void TestAccessibility::tabLeavesTheDateFields()
{
    QFETCH(bool, until);
    QFETCH(bool, forward);
    QFETCH(bool, anyDate);
    DraftsWorkspace workspace;
    workspace.resize(1200, 700);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowActive(&workspace));
    QDateEdit *edit = until ? workspace.createdToFilter() : workspace.createdFromFilter();
    if (!anyDate)
        edit->setDate(QDate(2026, 3, 14));
    QCOMPARE(edit->text() == u"any"_s, anyDate);
    QWidget *expected = nextTabStop(edit, forward);
    QVERIFY(expected);
    // Arrive as a keyboard user does: by Tab (the edit selects its first section) or Shift+Tab
    // (the last one).
    edit->setFocus(forward ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    QCOMPARE(QApplication::focusWidget(), edit);
    if (forward)
        QTest::keyClick(edit, Qt::Key_Tab);
    else
        QTest::keyClick(edit, Qt::Key_Backtab, Qt::ShiftModifier);
    QVERIFY2(QApplication::focusWidget() == expected,
             qPrintable(u"focus on %1 (%2), expected %3 (%4)"_s.arg(
                 QString::fromLatin1(QApplication::focusWidget() ? QApplication::focusWidget()->metaObject()->className() : "nothing"),
                 QApplication::focusWidget() ? QApplication::focusWidget()->accessibleName() : QString(),
                 QString::fromLatin1(expected->metaObject()->className()), expected->accessibleName())));
}

void TestAccessibility::focusReturnsAfterADialog_data()
{
    QTest::addColumn<QKeySequence>("opens");
    QTest::addColumn<QString>("dialogClass");
    QTest::newRow("shortcuts (F1)") << QKeySequence(u"F1"_s) << u"ShortcutsDialog"_s;
    QTest::newRow("about (Ctrl+F1)") << QKeySequence(u"Ctrl+F1"_s) << u"QMessageBox"_s;
    QTest::newRow("settings (Ctrl+,)") << QKeySequence(u"Ctrl+,"_s) << u"SettingsDialog"_s;
    QTest::newRow("connect (Ctrl+O)") << QKeySequence(u"Ctrl+O"_s) << u"ConnectionDialog"_s;
}

void TestAccessibility::focusReturnsAfterADialog()
{
    QFETCH(QKeySequence, opens);
    QFETCH(QString, dialogClass);
    MainWindow window(*m_profiles, m_secrets);
    new SettingsAction(window, m_secrets, m_github);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *drafts = window.findChild<DraftsWorkspace *>();
    QVERIFY(drafts);
    window.findChild<QTabWidget *>()->setCurrentWidget(drafts);
    ListTableView *list = drafts->view();
    list->setFocus(Qt::OtherFocusReason);
    QCOMPARE(QApplication::focusWidget(), list);

    QTest::keySequence(&window, opens);
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = qobject_cast<QDialog *>(QApplication::activeWindow())) != nullptr);
    QCOMPARE(QString::fromLatin1(dialog->metaObject()->className()), dialogClass);
    QVERIFY(dialog->isAncestorOf(QApplication::focusWidget()) || QApplication::focusWidget() == dialog);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_VERIFY(!dialog->isVisible());

    QTRY_COMPARE(QApplication::activeWindow(), &window);
    QTRY_COMPARE(QApplication::focusWidget(), list);
    // The workspace's own shortcuts work again at once.
    QTest::keySequence(QApplication::focusWidget(), QKeySequence::Find);
    QCOMPARE(QApplication::focusWidget(), drafts->searchField());
}

// The status filter's first item is not "Drafts" (the name of the tab) but says what it filters.
void TestAccessibility::filterItemsSayWhatTheyFilter()
{
    DraftsWorkspace workspace;
    const auto items = [](QComboBox *box) {
        QList<std::pair<QString, QString>> result;
        for (int i = 0; i < box->count(); ++i)
            result.append({box->itemText(i), box->itemData(i).toString()});
        return result;
    };
    using Items = QList<std::pair<QString, QString>>;
    QCOMPARE(items(workspace.statusFilter()), (Items{{u"Status: draft"_s, u"draft"_s},
                                                     {u"Status: published"_s, u"published"_s},
                                                     {u"Status: discarded"_s, u"discarded"_s},
                                                     {u"Any status"_s, QString()}}));
    QCOMPARE(workspace.statusFilter()->currentText(), u"Status: draft"_s);
    QCOMPARE(items(workspace.typeFilter()), (Items{{u"Any type"_s, QString()},
                                                   {u"Type: comment"_s, u"comment"_s},
                                                   {u"Type: pull request"_s, u"pull_request"_s}}));
}

void TestAccessibility::stateLabelsSayTheirText()
{
    DraftServices services(factory());
    DraftsWorkspace workspace;
    services.serve(workspace);
    workspace.show();
    PagedListModel *model = workspace.model();
    QTRY_VERIFY(model->isIdle());
    const QString rows = PagedListModel::formatCount(model->totalCount(), model->isCountEstimated()) + u" rows"_s;
    QCOMPARE(workspace.countText(), rows);
    QLabel *count = nullptr;
    QLabel *hint = nullptr;
    for (QLabel *label : workspace.findChildren<QLabel *>()) {
        if (label->text() == workspace.countText())
            count = label;
    }
    QVERIFY(count);
    QVERIFY2(accessibleText(count, QAccessible::Name).contains(rows),
             qPrintable(accessibleText(count, QAccessible::Name)));

    workspace.searchField()->setText(u"ab"_s);
    QTRY_VERIFY(workspace.hintText().contains(u"3 characters"_s));
    for (QLabel *label : workspace.findChildren<QLabel *>()) {
        if (label->text() == workspace.hintText())
            hint = label;
    }
    QVERIFY(hint);
    QVERIFY2(accessibleText(hint, QAccessible::Name).contains(u"3 characters"_s),
             qPrintable(accessibleText(hint, QAccessible::Name)));
}

void TestAccessibility::everyLabelExposesItsText()
{
    MainWindow window(*m_profiles, m_secrets);
    window.showGitHubTarget(u"sandbox"_s, QUrl(u"http://127.0.0.1:1/api"_s));
    QSignalSpy changed(&window, &MainWindow::sessionChanged);
    window.openSession(new Session(m_profile, QString(), true));
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 20000);
    window.show();
    QVERIFY(window.statusText().contains(u"Login: "_s));
    verifyLabelsExposeTheirText(&window);

    ConnectionDialog connection(*m_profiles, m_secrets);
    connection.showError(u"The server refused the login."_s);
    connection.show();
    verifyLabelsExposeTheirText(&connection);

    QSettings user(m_dir.filePath(u"user.ini"_s), QSettings::IniFormat);
    Settings settings;
    settings.runOverride.label = u"sandbox"_s;
    SettingsDialog dialog(settings, user, m_secrets, m_github);
    dialog.show();
    dialog.importPrivateKey(m_dir.filePath(u"no-such-key.pem"_s));
    QTRY_VERIFY(!dialog.keyStatusText().isEmpty() && !dialog.keyStatusText().contains(u"Checking"_s));
    verifyLabelsExposeTheirText(&dialog);
}

void TestAccessibility::exportDialogDoesNotBlock()
{
    DraftServices services(factory());
    DraftsWorkspace workspace;
    services.serve(workspace);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowActive(&workspace));
    QTRY_VERIFY(workspace.model()->isIdle());
    QVERIFY(returnsAtOnce([&] { workspace.exportAction()->trigger(); }));
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = workspace.findChild<QFileDialog *>()) != nullptr && dialog->isVisible());
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    QVERIFY(dialog->isModal());

    QTemporaryDir out;
    const QString path = out.filePath(u"drafts.csv"_s);
    QSignalSpy finished(&workspace, &ListWorkspace::exportFinished);
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept();   // as the Save button does
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().at(1).toString(), QString());
    QCOMPARE(finished.first().at(0).toLongLong(), workspace.model()->rowCount());
    QVERIFY(QFile::exists(path));

    // Saving over that file asks first, again without a nested event loop.
    QVERIFY(returnsAtOnce([&] { workspace.exportAction()->trigger(); }));
    QTRY_VERIFY((dialog = workspace.findChild<QFileDialog *>()) != nullptr && dialog->isVisible());
    dialog->selectFile(path);
    QVERIFY(returnsAtOnce([&] { static_cast<QDialog *>(dialog)->accept(); }));
    QMessageBox *replace = nullptr;
    QTRY_VERIFY((replace = workspace.findChild<QMessageBox *>()) != nullptr && replace->isVisible());
    QVERIFY(replace->text().contains(path));
    QCOMPARE(finished.size(), 1);
    replace->button(QMessageBox::Yes)->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QCOMPARE(finished.last().at(1).toString(), QString());

    // The test hook still answers synchronously.
    QString suggested;
    workspace.setSaveFileChooser([&](const QString &s) {
        suggested = s;
        return out.filePath(u"again.csv"_s);
    });
    workspace.exportAction()->trigger();
    QVERIFY(suggested.endsWith(u".csv"_s));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
    QVERIFY(QFile::exists(out.filePath(u"again.csv"_s)));
}

void TestAccessibility::columnMenuDoesNotBlock()
{
    DraftServices services(factory());
    DraftsWorkspace workspace;
    services.serve(workspace);
    workspace.resize(1200, 700);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowActive(&workspace));
    QHeaderView *header = workspace.view()->horizontalHeader();
    QVERIFY(returnsAtOnce([&] { emit header->customContextMenuRequested(QPoint(20, 5)); }));
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) != nullptr);
    QAction *first = menu->actions().value(0);
    QVERIFY(first && first->isCheckable() && first->isChecked());
    first->trigger();
    QVERIFY(workspace.view()->isColumnHidden(0));
    menu->close();
}

void TestAccessibility::settingsDialogsDoNotBlock()
{
    // An unreadable configuration file: the warning box opens without blocking.
    MainWindow window(*m_profiles, m_secrets);
    auto *broken = new SettingsAction(window, m_secrets, m_github, m_dir.filePath(u"missing.ini"_s));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(returnsAtOnce([&] { broken->action()->trigger(); }));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>()) != nullptr && box->isVisible());
    QVERIFY(box->text().contains(u"missing.ini"_s) || box->informativeText().contains(u"missing.ini"_s));
    box->close();

    // "Import private key…" opens its file dialog without blocking; choosing a file imports it.
    QSettings user(m_dir.filePath(u"user.ini"_s), QSettings::IniFormat);
    SettingsDialog dialog(Settings(), user, m_secrets, m_github);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QPushButton *import = nullptr;
    for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
        if (button->text().contains(u"Import"_s))
            import = button;
    }
    QVERIFY(import);
    QVERIFY(returnsAtOnce([&] { import->click(); }));
    QFileDialog *picker = nullptr;
    QTRY_VERIFY((picker = dialog.findChild<QFileDialog *>()) != nullptr && picker->isVisible());
    QCOMPARE(picker->fileMode(), QFileDialog::ExistingFile);
    QSignalSpy imported(&dialog, &SettingsDialog::privateKeyImported);
    QFile notAKey(m_dir.filePath(u"not-a-key.pem"_s));
    QVERIFY(notAKey.open(QIODevice::WriteOnly) && notAKey.write("not a key\n") > 0);
    notAKey.close();
    picker->selectFile(notAKey.fileName());   // refused as a key, but it was tried
    static_cast<QDialog *>(picker)->accept();
    QTRY_COMPARE(imported.size(), 1);
    QCOMPARE(imported.first().first().toBool(), false);
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
