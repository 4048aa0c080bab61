#include "consolesession.h"

#include "profilestore.h"
#include "secretstore.h"
#include "session.h"

using namespace Qt::StringLiterals;

ConsoleSession::ConsoleSession(ProfileStore &profiles, SecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
{
}

ConsoleSession::~ConsoleSession()
{
    // The session's services wait for their threads; let the users of them go first.
    if (m_session)
        drop(m_session);
}

Session *ConsoleSession::current() const
{
    return m_session;
}

bool ConsoleSession::isLoaded() const
{
    return m_session && m_session->isLoaded();
}

void ConsoleSession::setPolicy(const RolePolicy &policy)
{
    if (policy == m_policy)
        return;
    m_policy = policy;
    emit policyChanged(m_policy);
}

void ConsoleSession::drop(Session *session)
{
    if (session == m_session)
        m_session.clear();
    session->disconnect(this);
    setPolicy(RolePolicy());
    emit sessionChanged(nullptr);
    delete session;
}

void ConsoleSession::open(Session *session)
{
    if (!session)
        return;
    if (m_session && m_session != session)
        drop(m_session);
    m_session = session;
    session->setParent(this);
    connect(session, &Session::ready, this, &ConsoleSession::onReady, Qt::UniqueConnection);
    connect(session, &Session::failed, this, &ConsoleSession::onFailed, Qt::UniqueConnection);
    connect(session, &Session::migrated, this, &ConsoleSession::migrated, Qt::UniqueConnection);
    connect(session, &Session::migrationFailed, this, [this](const DbError &error) {
        emit migrationFailed(error);
        emit stateChanged();
    });
    if (session->isLoaded()) {
        onReady();
        return;
    }
    emit stateChanged();
    emit connecting(session->profile().displayName());
    session->load();
}

void ConsoleSession::connectToProfile(const QString &name)
{
    const auto profile = m_profiles.load(name);
    if (!profile) {
        emit connectFailed(u"There is no saved profile named “%1”."_s.arg(name), ConnectionProfile());
        return;
    }
    emit connecting(profile->displayName());
    m_secrets.read(SecretStore::databaseKey(*profile), this,
                   [this, p = *profile](SecretStore::ReadResult secret) {
                       if (!secret && secret.error().kind != SecretError::Kind::NotFound)
                           emit message(secret.error().message);
                       const QString password = secret ? QString::fromUtf8(*secret) : QString();
                       open(new Session(p, password, false));
                   });
}

void ConsoleSession::closeSession()
{
    if (!m_session)
        return;
    drop(m_session);
    emit stateChanged();
}

void ConsoleSession::refresh()
{
    if (m_session && !m_session->isBusy())
        m_session->load();
}

void ConsoleSession::migrate()
{
    if (m_session && !m_session->isBusy())
        m_session->migrate();
}

void ConsoleSession::onReady()
{
    emit stateChanged();
    setPolicy(m_session->policy());
    emit sessionChanged(m_session);
}

void ConsoleSession::onFailed(const DbError &error)
{
    if (!m_session)
        return;
    if (m_session->isLoaded()) {
        emit message(u"Could not refresh: "_s + error.message);
        return;
    }
    const ConnectionProfile profile = m_session->profile();
    Session *failed = m_session;
    m_session.clear();
    failed->disconnect(this);
    failed->deleteLater(); // we are inside its signal
    emit stateChanged();
    QString text = error.message;
    if (error.kind == DbError::Kind::Authentication)
        text = u"The server rejected the login “%1”: the password is wrong or missing, or the login "
               u"does not exist."_s.arg(profile.user);
    if (!error.detail.isEmpty())
        text += u"\n\nPostgreSQL said: "_s + error.detail;
    emit connectFailed(text, profile);
}
