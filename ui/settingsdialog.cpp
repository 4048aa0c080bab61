#include "settingsdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>

#include "github/appkeystore.h"
#include "github/githubclient.h"
#include "github/githubconnectioncheck.h"
#include "timeformat.h"

using namespace Qt::StringLiterals;

namespace {

// A label whose text is a state or an error: a screen reader reads that text (no fixed accessible
// name, which would hide it).
QLabel *statusLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setObjectName(name);
    label->hide();
    return label;
}

void showStatus(QLabel *label, const QString &text, bool isError)
{
    label->setStyleSheet(isError ? u"QLabel { color: #b00020; }"_s : QString());
    label->setText(text);
    label->setVisible(!text.isEmpty());
    QWidget *window = label->window();
    if (window->isVisible() && window->layout()) {
        const int height = window->layout()->hasHeightForWidth() ? window->heightForWidth(window->width())
                                                                 : window->sizeHint().height();
        if (height > window->height())
            window->resize(window->width(), height);
    }
}

QString reportText(const GitHubConnectionReport &report)
{
    QString text = (report.installationCount == 1
                        ? SettingsDialog::tr("Connected to the App \u201c%1\u201d: 1 installation.").arg(report.app.name)
                        : SettingsDialog::tr("Connected to the App \u201c%1\u201d: %2 installations.")
                              .arg(report.app.name, QLocale().toString(report.installationCount)));
    if (report.rateLimit) {
        const QString reset = TimeFormat::clockWithZone(report.rateLimit->reset);
        text += u' ' + SettingsDialog::tr("Rate limit: %1 of %2 requests left, resets %3.")
                           .arg(report.rateLimit->remaining)
                           .arg(report.rateLimit->limit)
                           .arg(reset);
    }
    return text;
}

} // namespace

SettingsDialog::SettingsDialog(const Settings &settings, QSettings &user, SecretStore &secrets,
                               GitHubClient &github, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_user(user), m_secrets(secrets), m_github(github)
{
    setWindowTitle(tr("Settings"));
    setMinimumWidth(560);
    build();
}

void SettingsDialog::build()
{
    auto *layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildGitHubPage(), tr("&GitHub"));
    m_tabs->addTab(buildReviewPage(), tr("&Review"));
    layout->addWidget(m_tabs);

    m_error = statusLabel(u"settingsError"_s, this);
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save settings"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QWidget *SettingsDialog::buildGitHubPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);

    m_baseUrl = new QLineEdit(m_settings.github.baseUrl.toString(), page);
    m_baseUrl->setPlaceholderText(u"https://api.github.com"_s);
    m_baseUrl->setToolTip(tr("GitHub Enterprise Server: https://HOST/api/v3"));
    m_baseUrl->setAccessibleName(tr("GitHub API base URL"));
    form->addRow(tr("API &base URL:"), m_baseUrl);

    m_appId = new QLineEdit(m_settings.github.appId, page);
    m_appId->setPlaceholderText(tr("123456 or Iv1.0123456789abcdef"));
    m_appId->setAccessibleName(tr("GitHub App ID or client ID"));
    form->addRow(tr("App &ID or client ID:"), m_appId);

    m_importKey = new QPushButton(tr("&Import private key\u2026"), page);
    m_importKey->setAccessibleName(tr("Import the App's private key into the keychain"));
    m_keyStatus = statusLabel(u"privateKeyStatus"_s, page);
    if (!m_settings.github.privateKeyFile.isEmpty()) {
        showStatus(m_keyStatus, tr("The configuration file names the private key file %1.")
                                    .arg(m_settings.github.privateKeyFile), false);
    }
    form->addRow(tr("Private key:"), m_importKey);
    form->addRow(QString(), m_keyStatus);
    connect(m_importKey, &QPushButton::clicked, this, &SettingsDialog::chooseKeyFile);

    m_test = new QPushButton(tr("&Test connection"), page);
    m_test->setAccessibleName(tr("Test the connection to GitHub"));
    m_testResult = statusLabel(u"connectionTestResult"_s, page);
    form->addRow(QString(), m_test);
    form->addRow(QString(), m_testResult);
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);

    m_baseUrl->setReadOnly(m_settings.managed.githubBaseUrl);
    m_appId->setReadOnly(m_settings.managed.githubAppId);
    const RunOverride &run = m_settings.runOverride;
    if (!run.isEmpty()) {
        if (!run.githubPrivateKeyPem.isEmpty()) {
            m_importKey->setEnabled(false);
            showStatus(m_keyStatus, tr("This run uses a throwaway key for the %1 GitHub.").arg(run.label), false);
        }
        auto *note = new QLabel(tr("This run talks to the %1 GitHub at %2; nothing of it is saved.")
                                    .arg(run.label, m_settings.github.baseUrl.toString()), page);
        note->setWordWrap(true);
        note->setStyleSheet(u"QLabel { color: #2e7d32; font-weight: bold; }"_s);
        form->insertRow(0, note);
    }
    if (!m_settings.configFile.isEmpty()) {
        auto *managed = new QLabel(tr("Fields set in %1 are managed there and cannot be changed here.").arg(m_settings.configFile), page);
        managed->setWordWrap(true);
        form->addRow(managed);
    }
    return page;
}

QWidget *SettingsDialog::buildReviewPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_runUrl = new QLineEdit(m_settings.workflowRunUrl, page);
    m_runUrl->setPlaceholderText(u"https://ci.example.com/runs/{id}"_s);
    m_runUrl->setAccessibleName(tr("Workflow run URL template"));
    m_runUrl->setToolTip(tr("The page of a workflow run; {id} stands for the draft's workflow_run_id. Empty: no link."));
    m_runUrl->setReadOnly(m_settings.managed.workflowRunUrl);
    form->addRow(tr("&Workflow run URL:"), m_runUrl);
    m_singleKeys = new QCheckBox(tr("&Single-key shortcuts in the Drafts list (j k e d u)"), page);
    m_singleKeys->setAccessibleName(tr("Single-key shortcuts"));
    m_singleKeys->setToolTip(tr("Turn off when speech input or a screen reader sends letters that should not act (WCAG 2.1.4)."));
    m_singleKeys->setChecked(m_settings.singleKeyShortcuts);
    m_singleKeys->setEnabled(!m_settings.managed.singleKeyShortcuts);
    form->addRow(QString(), m_singleKeys);
    return page;
}

Settings SettingsDialog::settings() const
{
    Settings edited = m_settings;
    if (auto url = Settings::parseBaseUrl(m_baseUrl->text()))
        edited.github.baseUrl = *url;
    edited.github.appId = m_appId->text().trimmed();
    edited.workflowRunUrl = m_runUrl->text().trimmed();
    edited.singleKeyShortcuts = m_singleKeys->isChecked();
    return edited;
}

QString SettingsDialog::errorText() const { return m_error->text(); }
QString SettingsDialog::keyStatusText() const { return m_keyStatus->text(); }
QString SettingsDialog::testResultText() const { return m_testResult->text(); }

bool SettingsDialog::validate()
{
    if (auto url = Settings::parseBaseUrl(m_baseUrl->text()); !url) {
        showStatus(m_error, tr("API base URL: %1").arg(url.error()), true);
        m_baseUrl->setFocus();
        return false;
    }
    if (m_appId->text().trimmed().isEmpty()) {
        showStatus(m_error, tr("Enter the GitHub App's ID or client ID."), true);
        m_appId->setFocus();
        return false;
    }
    if (auto ok = Settings::checkRunUrl(m_runUrl->text().trimmed()); !ok) {
        showStatus(m_error, tr("Workflow run URL: %1").arg(ok.error()), true);
        m_tabs->setCurrentIndex(1);
        m_runUrl->setFocus();
        return false;
    }
    showStatus(m_error, QString(), false);
    return true;
}

void SettingsDialog::apply()
{
    if (!validate())
        return;
    m_settings = settings();
    m_settings.saveGitHub(m_user);
    m_settings.saveReview(m_user);
    accept();
}

void SettingsDialog::chooseKeyFile()
{
    // open(), not a static getOpenFileName(): no nested event loop.
    auto *picker = new QFileDialog(this, tr("Import the GitHub App's private key"), QString(),
                                   tr("PEM files (*.pem);;All files (*)"));
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setFileMode(QFileDialog::ExistingFile);
    picker->setAcceptMode(QFileDialog::AcceptOpen);
    connect(picker, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!path.isEmpty())
            importPrivateKey(path);
    });
    picker->open();
}

void SettingsDialog::importPrivateKey(const QString &path)
{
    m_importKey->setEnabled(false);
    showStatus(m_keyStatus, tr("Checking and storing the key\u2026"), false);
    AppKeyStore::importFile(&m_secrets, path, this, [this](std::expected<void, GitHubError> result) {
        m_importKey->setEnabled(true);
        m_keyImported |= result.has_value();
        if (result)
            showStatus(m_keyStatus, tr("The private key is stored in the keychain."), false);
        else
            showStatus(m_keyStatus, result.error().text(), true);
        emit privateKeyImported(result.has_value());
    });
}

void SettingsDialog::showTestError(const QString &text)
{
    m_test->setEnabled(true);
    showStatus(m_testResult, text, true);
    emit connectionTested(false);
}

void SettingsDialog::testConnection()
{
    if (!validate())
        return;
    delete m_testRun;  // a test still running is cancelled: its callbacks never come
    m_testRun = new QObject(this);
    m_test->setEnabled(false);
    showStatus(m_testResult, tr("Connecting\u2026"), false);

    const Settings current = settings();
    QObject *run = m_testRun;
    const auto runCheck = [this, run](GitHubClient *client) {
        GitHubConnectionCheck::run(client, run, [this](GitHubConnectionCheck::Result result) {
            if (!result) {
                showTestError(result.error().text());
                return;
            }
            m_test->setEnabled(true);
            showStatus(m_testResult, reportText(*result), false);
            emit connectionTested(true);
        });
    };
    // What the console runs with: test it as it is.
    if (!m_keyImported && m_github.hasAppCredentials() && m_github.baseUrl() == current.github.baseUrl
        && m_github.appIssuer() == current.github.appId) {
        runCheck(&m_github);
        return;
    }
    const auto check = [this, run, current, runCheck](const QByteArray &pem) {
        auto *client = new GitHubClient(m_github.http(), run);
        client->setBaseUrl(current.github.baseUrl);
        if (auto ok = client->setAppCredentials(current.github.appId, pem); !ok) {
            showTestError(ok.error().text());
            return;
        }
        runCheck(client);
    };

    if (!current.github.privateKeyPem.isEmpty()) {
        check(current.github.privateKeyPem);
        return;
    }
    if (!current.github.privateKeyFile.isEmpty()) {
        auto pem = AppKeyStore::readPemFile(current.github.privateKeyFile);
        if (pem)
            check(*pem);
        else
            showTestError(pem.error().text());
        return;
    }
    AppKeyStore::load(&m_secrets, run, [this, check](std::expected<QByteArray, GitHubError> pem) {
        if (pem)
            check(*pem);
        else
            showTestError(pem.error().text());
    });
}
