#include "connectiondialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "profilestore.h"
#include "secretstore.h"
#include "session.h"

using namespace Qt::StringLiterals;

namespace {

bool needsCaFile(const QString &sslMode)
{
    return sslMode == u"verify-ca" || sslMode == u"verify-full";
}

QString failureText(const DbError &error, const ConnectionProfile &p)
{
    QString text;
    if (error.sqlState == u"3D000") {
        text = u"The database “%1” does not exist on %2:%3. Check the database name."_s
                   .arg(p.database, p.host).arg(p.port);
    } else {
        switch (error.kind) {
        case DbError::Kind::Unreachable:
            text = u"The server at %1:%2 cannot be reached. Check the host and port, and that "
                   u"PostgreSQL is running and accepts connections."_s.arg(p.host).arg(p.port);
            break;
        case DbError::Kind::Authentication:
            text = u"The server rejected the login “%1”: the password is wrong or the login "
                   u"does not exist."_s.arg(p.user);
            break;
        default:
            text = error.message;
            break;
        }
    }
    if (!error.detail.isEmpty())
        text += u"\n\nPostgreSQL said: "_s + error.detail;
    return text;
}

} // namespace

ConnectionDialog::ConnectionDialog(ProfileStore &profiles, SecretStore &secrets, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
{
    setWindowTitle(u"Connect to a database — Staff Console"_s);
    build();
    const QString last = m_profiles.lastUsed();
    if (!last.isEmpty() && m_profiles.names().contains(last))
        loadProfile(last);
    else
        m_profileName->setCurrentText(QString());
}

ConnectionDialog::~ConnectionDialog()
{
    m_password->clear();
}

void ConnectionDialog::build()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    auto labelled = [this, form](const QString &label, QWidget *field, const QString &accessible,
                                 QWidget *row = nullptr) {
        field->setAccessibleName(accessible);
        auto *l = new QLabel(label, this);
        l->setBuddy(field);
        form->addRow(l, row ? row : field);
    };

    m_profileName = new QComboBox(this);
    m_profileName->setEditable(true);
    m_profileName->setInsertPolicy(QComboBox::NoInsert);
    m_profileName->addItems(m_profiles.names());
    m_profileName->lineEdit()->setPlaceholderText(u"e.g. production"_s);
    m_deleteProfile = new QPushButton(u"&Forget"_s, this);
    m_deleteProfile->setAccessibleName(u"Forget this profile and its saved password"_s);
    m_deleteProfile->setToolTip(m_deleteProfile->accessibleName());
    auto *profileRow = new QWidget(this);
    auto *profileLayout = new QHBoxLayout(profileRow);
    profileLayout->setContentsMargins(0, 0, 0, 0);
    profileLayout->addWidget(m_profileName, 1);
    profileLayout->addWidget(m_deleteProfile);
    labelled(u"Pro&file:"_s, m_profileName, u"Profile name"_s, profileRow);

    m_host = new QLineEdit(this);
    m_host->setPlaceholderText(u"db.example.com or /run/postgresql"_s);
    labelled(u"&Host:"_s, m_host, u"Host"_s);
    m_port = new QLineEdit(u"5432"_s, this);
    m_port->setMaxLength(5);
    labelled(u"P&ort:"_s, m_port, u"Port"_s);
    m_database = new QLineEdit(this);
    labelled(u"&Database:"_s, m_database, u"Database"_s);
    m_user = new QLineEdit(this);
    m_user->setPlaceholderText(u"your own PostgreSQL login"_s);
    labelled(u"&Login:"_s, m_user, u"Login (PostgreSQL user)"_s);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    labelled(u"&Password:"_s, m_password, u"Password"_s);
    m_remember = new QCheckBox(u"&Remember password in the keychain"_s, this);
    m_remember->setAccessibleName(u"Remember password in the keychain"_s);
    form->addRow(QString(), m_remember);

    m_sslMode = new QComboBox(this);
    m_sslMode->addItems(ConnectionProfile::sslModes());
    m_sslMode->setCurrentText(ConnectionProfile().sslMode);
    labelled(u"&SSL mode:"_s, m_sslMode, u"SSL mode"_s);
    m_caFile = new QLineEdit(this);
    m_caFile->setPlaceholderText(u"CA certificate (PEM) for verify-ca / verify-full"_s);
    m_browseCa = new QPushButton(u"&Browse…"_s, this);
    m_browseCa->setAccessibleName(u"Choose the CA certificate file"_s);
    auto *caRow = new QWidget(this);
    auto *caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_caFile, 1);
    caLayout->addWidget(m_browseCa);
    labelled(u"&CA file:"_s, m_caFile, u"CA certificate file"_s, caRow);

    m_timeout = new QSpinBox(this);
    m_timeout->setRange(1, 600);
    m_timeout->setValue(ConnectionProfile().connectTimeoutSeconds);
    m_timeout->setSuffix(u" s"_s);
    labelled(u"Connect &timeout:"_s, m_timeout, u"Connect timeout in seconds"_s);

    m_error = new QLabel(this);
    m_error->setObjectName(u"connectionError"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setStyleSheet(u"QLabel { color: #b00020; }"_s);
    m_error->hide();

    m_keychain = new QLabel(this);
    m_keychain->setObjectName(u"keychainNote"_s);
    m_keychain->setWordWrap(true);
    m_keychain->setTextFormat(Qt::PlainText);
    m_keychain->hide();

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(8);
    m_busy->setAccessibleName(u"Connecting"_s);
    m_busy->hide();
    m_busyText = new QLabel(this);
    m_busyText->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_connect = m_buttons->addButton(u"C&onnect"_s, QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    m_connect->setAccessibleName(u"Connect"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(u"Cancel"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_keychain);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_busyText);
    layout->addWidget(m_busy);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::connectNow);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_sslMode, &QComboBox::currentTextChanged, this, &ConnectionDialog::updateCaState);
    connect(m_browseCa, &QPushButton::clicked, this, &ConnectionDialog::browseCaFile);
    connect(m_deleteProfile, &QPushButton::clicked, this, &ConnectionDialog::deleteProfile);
    connect(m_profileName, &QComboBox::activated, this, [this](int index) {
        // An editable combo box also "activates" a matching name when it loses focus.
        if (m_managed && m_profileName->itemText(index) == m_managed->name)
            return;
        loadProfile(m_profileName->itemText(index));
    });
    connect(m_profileName, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        m_deleteProfile->setEnabled(m_profiles.names().contains(name));
    });
    updateCaState();
    m_deleteProfile->setEnabled(false);
}

void ConnectionDialog::loadProfile(const QString &name)
{
    const auto p = m_profiles.load(name);
    if (!p)
        return;
    m_managed.reset();
    m_loadedName = name;
    m_profileName->setCurrentText(name);
    m_host->setText(p->host);
    m_port->setText(QString::number(p->port));
    m_database->setText(p->database);
    m_user->setText(p->user);
    m_sslMode->setCurrentText(p->sslMode);
    m_caFile->setText(p->sslRootCert);
    m_timeout->setValue(p->connectTimeoutSeconds);
    m_password->clear();
    m_remember->setChecked(m_profiles.remembersPassword(name));
    m_keychain->hide();
    m_error->hide();
    m_deleteProfile->setEnabled(true);
    updateCaState();
    if (!m_remember->isChecked()) {
        m_password->setFocus();
        return;
    }
    m_password->setPlaceholderText(u"reading the keychain…"_s);
    m_secrets.read(SecretStore::databaseKey(*p), this, [this, name](SecretStore::ReadResult secret) {
        m_password->setPlaceholderText(QString());
        if (m_loadedName != name)
            return;
        if (secret) {
            if (m_password->text().isEmpty())
                m_password->setText(QString::fromUtf8(*secret));
            return;
        }
        const SecretError &e = secret.error();
        if (e.kind == SecretError::Kind::NotFound)
            m_keychain->setText(u"No password is saved in the keychain for this profile: type it."_s);
        else if (e.kind == SecretError::Kind::Unavailable)
            m_keychain->setText(u"The keychain is not available, so the saved password cannot be read. "
                                u"Type the password to connect anyway."_s);
        else
            m_keychain->setText(e.message + u" Type the password to connect anyway."_s);
        m_keychain->show();
        m_password->setFocus();
    });
}

void ConnectionDialog::setProfile(const ConnectionProfile &p)
{
    m_loadedName.clear();
    m_profileName->setCurrentText(p.name);
    m_host->setText(p.host);
    m_port->setText(QString::number(p.port));
    m_database->setText(p.database);
    m_user->setText(p.user);
    m_sslMode->setCurrentText(p.sslMode);
    m_caFile->setText(p.sslRootCert);
    m_timeout->setValue(p.connectTimeoutSeconds);
    updateCaState();
}

void ConnectionDialog::loadManagedProfile(const ConnectionProfile &p)
{
    setProfile(p);
    m_managed = p;
    m_password->clear();
    m_remember->setChecked(m_profiles.remembersPassword(p.name));
    m_keychain->hide();
    m_error->hide();
    m_password->setPlaceholderText(u"reading the keychain…"_s);
    const QString key = SecretStore::databaseKey(p);
    m_secrets.read(key, this, [this, key](SecretStore::ReadResult secret) {
        m_password->setPlaceholderText(QString());
        if (SecretStore::databaseKey(profile()) != key || !m_password->text().isEmpty() || isConnecting())
            return;
        if (secret) {
            m_password->setText(QString::fromUtf8(*secret));
            m_remember->setChecked(true);
            connectNow();
            return;
        }
        if (const SecretError &e = secret.error(); e.kind == SecretError::Kind::NotFound) {
            m_password->setPlaceholderText(u"not in the keychain: type it"_s);
        } else {
            m_keychain->setText(e.message + u" Type the password to connect."_s);
            m_keychain->show();
        }
        m_password->setFocus();
    });
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_profileName->currentText().trimmed();
    p.host = m_host->text().trimmed();
    p.port = m_port->text().trimmed().toInt();
    p.database = m_database->text().trimmed();
    p.user = m_user->text().trimmed();
    p.sslMode = m_sslMode->currentText();
    p.sslRootCert = needsCaFile(p.sslMode) ? m_caFile->text().trimmed() : QString();
    p.connectTimeoutSeconds = m_timeout->value();
    return p;
}

QString ConnectionDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ConnectionDialog::keychainNote() const
{
    return m_keychain->isHidden() ? QString() : m_keychain->text();
}

bool ConnectionDialog::isConnecting() const
{
    return !m_session.isNull() && !m_done;
}

Session *ConnectionDialog::takeSession()
{
    if (!m_done || !m_session)
        return nullptr;
    Session *session = m_session;
    session->setParent(nullptr);
    m_session.clear();
    return session;
}

bool ConnectionDialog::validateFields()
{
    const QString name = m_profileName->currentText().trimmed();
    if (const QString problem = ProfileStore::validateName(name); !problem.isEmpty()) {
        showError(problem, m_profileName);
        return false;
    }
    if (m_host->text().trimmed().isEmpty()) {
        showError(u"Enter the server's host name (or a Unix socket directory)."_s, m_host);
        return false;
    }
    bool portOk = false;
    const int port = m_port->text().trimmed().toInt(&portOk);
    if (!portOk || port < 1 || port > 65535) {
        showError(u"The port must be a number between 1 and 65535."_s, m_port);
        return false;
    }
    if (m_database->text().trimmed().isEmpty()) {
        showError(u"Enter the database name."_s, m_database);
        return false;
    }
    if (m_user->text().trimmed().isEmpty()) {
        showError(u"Enter the login (PostgreSQL role) to connect as."_s, m_user);
        return false;
    }
    if (needsCaFile(m_sslMode->currentText())) {
        const QString ca = m_caFile->text().trimmed();
        if (ca.isEmpty()) {
            showError(u"SSL mode %1 checks the server's certificate: choose the CA file that "
                      u"signed it."_s.arg(m_sslMode->currentText()), m_caFile);
            return false;
        }
        const QFileInfo info(ca);
        if (!info.isFile() || !info.isReadable()) {
            showError(u"The CA file %1 cannot be read."_s.arg(ca), m_caFile);
            return false;
        }
    }
    if (const QString problem = profile().validate(); !problem.isEmpty()) {
        showError(problem);
        return false;
    }
    return true;
}

void ConnectionDialog::showError(const QString &message, QWidget *field)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    if (field) {
        field->setFocus();
        if (auto *edit = qobject_cast<QLineEdit *>(field))
            edit->selectAll();
    }
}

void ConnectionDialog::connectNow()
{
    if (isConnecting())
        return;
    if (!validateFields())
        return;
    showError(QString());
    const ConnectionProfile p = profile();
    m_done = false;
    delete m_session;
    m_session = new Session(p, m_password->text(), false, this);
    connect(m_session, &Session::ready, this, &ConnectionDialog::onSessionReady);
    connect(m_session, &Session::failed, this, &ConnectionDialog::onSessionFailed);
    m_busyText->setText(u"Connecting to %1…"_s.arg(p.displayName()));
    setBusy(true);
    emit connectionAttemptStarted();
    m_session->load();
}

void ConnectionDialog::reject()
{
    if (isConnecting()) {
        cancelAttempt();
        return;
    }
    QDialog::reject();
}

void ConnectionDialog::cancelAttempt()
{
    delete m_session;
    setBusy(false);
    showError(u"Connecting was cancelled."_s);
}

void ConnectionDialog::setBusy(bool busy)
{
    for (QWidget *w : {static_cast<QWidget *>(m_profileName), static_cast<QWidget *>(m_deleteProfile),
                       static_cast<QWidget *>(m_host), static_cast<QWidget *>(m_port),
                       static_cast<QWidget *>(m_database), static_cast<QWidget *>(m_user),
                       static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_remember),
                       static_cast<QWidget *>(m_sslMode), static_cast<QWidget *>(m_timeout),
                       static_cast<QWidget *>(m_connect)})
        w->setEnabled(!busy);
    if (!busy) {
        updateCaState();
        m_deleteProfile->setEnabled(m_profiles.names().contains(m_profileName->currentText()));
    } else {
        m_caFile->setEnabled(false);
        m_browseCa->setEnabled(false);
    }
    m_busy->setVisible(busy);
    m_busyText->setVisible(busy);
}

void ConnectionDialog::updateCaState()
{
    const bool verify = needsCaFile(m_sslMode->currentText());
    m_caFile->setEnabled(verify);
    m_browseCa->setEnabled(verify);
}

void ConnectionDialog::browseCaFile()
{
    auto *picker = new QFileDialog(this, u"Choose the CA certificate"_s,
                                   QFileInfo(m_caFile->text()).absolutePath(),
                                   u"Certificates (*.crt *.pem *.cer);;All files (*)"_s);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setFileMode(QFileDialog::ExistingFile);
    connect(picker, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_caFile->setText(file);
    });
    picker->open();
}

void ConnectionDialog::deleteProfile()
{
    const QString name = m_profileName->currentText().trimmed();
    const auto p = m_profiles.load(name);
    if (!p)
        return;
    m_secrets.remove(SecretStore::databaseKey(*p), this, [](SecretStore::WriteResult) {});
    m_profiles.remove(name);
    m_profileName->clear();
    m_profileName->addItems(m_profiles.names());
    m_profileName->setCurrentText(QString());
    m_loadedName.clear();
}

void ConnectionDialog::onSessionReady()
{
    const ConnectionProfile p = m_session->profile();
    if (auto saved = m_profiles.save(p, m_remember->isChecked()); !saved) {
        setBusy(false);
        delete m_session;
        showError(saved.error(), m_profileName);
        return;
    }
    m_profiles.setLastUsed(p.name);
    const QString key = SecretStore::databaseKey(p);
    if (!m_remember->isChecked() || m_password->text().isEmpty()) {
        if (!m_remember->isChecked())
            m_secrets.remove(key, this, [](SecretStore::WriteResult) {});
        finish();
        return;
    }
    m_busyText->setText(u"Saving the password in the keychain…"_s);
    m_secrets.write(key, m_password->text().toUtf8(), this, [this](SecretStore::WriteResult written) {
        if (!written) {
            m_keychain->setText(u"Connected, but the password was not saved: "_s + written.error().message);
            m_keychain->show();
        }
        finish();
    });
}

void ConnectionDialog::finish()
{
    if (!m_session)
        return;
    m_done = true;
    setBusy(false);
    accept();
}

void ConnectionDialog::onSessionFailed(const DbError &error)
{
    const ConnectionProfile p = m_session ? m_session->profile() : profile();
    m_session->deleteLater();
    m_session.clear();
    setBusy(false);
    QWidget *field = nullptr;
    if (error.sqlState == u"3D000")
        field = m_database;
    else if (error.kind == DbError::Kind::Authentication)
        field = m_password;
    else if (error.kind == DbError::Kind::Unreachable)
        field = m_host;
    showError(failureText(error, p), field);
}
