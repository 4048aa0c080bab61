#include "stafflogincreator.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include "scramverifier.h"

using namespace Qt::StringLiterals;

namespace {

// staff_create_login (005) quotes the name with %I and the verifier with %L server-side.
constexpr auto kCreateLogin = R"(
SELECT staff_create_login(:login, :verifier, string_to_array(:roles, ','))
)";

// staff_configure_login (008) copies the roles' statement and idle timeouts onto the login.
constexpr auto kConfigureLogin = R"(
SELECT staff_configure_login(:login)
)";

constexpr auto kRoleExists = R"(
SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :login)
)";

const QStringList &staffRoleNames()
{
    static const QStringList names = {u"staff_reviewer"_s, u"staff_admin"_s, u"staff_support"_s};
    return names;
}

DbError invalid(const QString &message)
{
    DbError e;
    e.kind = DbError::Kind::Other;
    e.message = message;
    return e;
}

} // namespace

StaffLoginCreator::StaffLoginCreator(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool StaffLoginCreator::isValidLogin(const QString &login)
{
    static const QRegularExpression pattern(u"^[a-z_][a-z0-9_]{2,62}$"_s);
    return pattern.match(login).hasMatch();
}

QString StaffLoginCreator::generatePassword()
{
    static constexpr char16_t alphabet[] = u"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    constexpr int alphabetSize = int(std::size(alphabet)) - 1;
    QString password;
    password.reserve(24);
    for (int i = 0; i < 24; ++i)
        password += QChar(alphabet[QRandomGenerator::system()->bounded(alphabetSize)]);
    return password;
}

std::expected<bool, DbError> StaffLoginCreator::exists(const QString &login) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QString::fromUtf8(kRoleExists)))
        return std::unexpected(DbError::fromSql(q.lastError(), u"look up the login %1"_s.arg(login)));
    q.bindValue(u":login"_s, login);
    if (!q.exec() || !q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), u"look up the login %1"_s.arg(login)));
    return q.value(0).toBool();
}

std::expected<QString, DbError> StaffLoginCreator::create(const QString &login, const QStringList &staffRoles)
{
    if (!isValidLogin(login))
        return std::unexpected(invalid(
            u"A login name is 3 to 63 lower-case letters, digits or underscores, not starting with a digit."_s));
    if (staffRoles.isEmpty())
        return std::unexpected(invalid(u"Choose at least one staff role for the new login."_s));
    for (const QString &role : staffRoles) {
        if (!staffRoleNames().contains(role))
            return std::unexpected(invalid(u"%1 is not a staff role."_s.arg(role)));
    }

    const QString password = generatePassword();
    const QString context = u"create the login %1"_s.arg(login);
    if (!m_db.transaction())
        return std::unexpected(DbError::fromSql(m_db.lastError(), context));
    QSqlQuery q(m_db);
    const auto fail = [&](const QSqlError &error) {
        DbError e = DbError::fromSql(error, context);
        if (e.sqlState == u"42710")
            e.message = u"A role named %1 already exists."_s.arg(login);
        q.finish();
        m_db.rollback();
        return std::unexpected(e);
    };
    if (!q.prepare(QString::fromUtf8(kCreateLogin)))
        return fail(q.lastError());
    q.bindValue(u":login"_s, login);
    q.bindValue(u":verifier"_s, ScramVerifier::compute(password));
    q.bindValue(u":roles"_s, staffRoles.join(u','));
    if (!q.exec())
        return fail(q.lastError());
    if (!q.prepare(QString::fromUtf8(kConfigureLogin)))
        return fail(q.lastError());
    q.bindValue(u":login"_s, login);
    if (!q.exec())
        return fail(q.lastError());
    q.finish();
    if (!m_db.commit())
        return fail(m_db.lastError());
    return password;
}
