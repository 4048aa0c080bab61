#include "demohistory.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "auditstore.h"

#include <functional>
#include <initializer_list>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kAuditLogHasRows = R"(SELECT EXISTS (SELECT 1 FROM audit_log))";

// For the rest of the transaction: the audit log records the edits as the demo set-up's.
constexpr auto kLabelAsDemoSetUp = R"(SELECT set_config('application_name', :name, true))";

constexpr auto kAppendToDrafts = R"(
UPDATE draft_content
   SET content = content || E'\n' || :line
 WHERE id IN (SELECT id FROM draft_content WHERE status = :draft ORDER BY id LIMIT :count))";

constexpr auto kDiscardDrafts = R"(
UPDATE draft_content
   SET status = :discarded
 WHERE id IN (SELECT id FROM draft_content WHERE status = :draft ORDER BY id OFFSET :skip LIMIT :count))";

constexpr auto kFlipPreferences = R"(
UPDATE user_preferences
   SET auto_publish_comments = NOT coalesce(auto_publish_comments, false),
       testing_mode = NOT coalesce(testing_mode, false)
 WHERE id IN (SELECT id FROM user_preferences ORDER BY id LIMIT :count))";

constexpr auto kSetNotificationSetting = R"(
UPDATE user_preferences
   SET notification_settings = jsonb_set(coalesce(notification_settings, '{}'::jsonb),
                                         ARRAY[CAST(:key AS text)], to_jsonb(CAST(:value AS text)))
 WHERE id = (SELECT min(id) FROM user_preferences))";

constexpr auto kPromoteMembership = R"(
UPDATE user_installations
   SET permission_level = :to
 WHERE (user_id, installation_id) =
       (SELECT user_id, installation_id FROM user_installations
         WHERE permission_level = :from ORDER BY user_id, installation_id LIMIT 1))";

constexpr auto kLinkStripeCustomer = R"(
UPDATE users
   SET stripe_customer_id = :prefix || substr(md5(CAST(id AS text)), 1, 14)
 WHERE id = (SELECT min(id) FROM users WHERE stripe_customer_id IS NULL))";

struct Demo
{
    const char *login;
    std::expected<int, DbError> (*edit)(const QSqlDatabase &);
};

std::expected<int, DbError> run(const QSqlDatabase &db, const char *sql,
                                std::initializer_list<std::pair<QString, QVariant>> values, const QString &context)
{
    QSqlQuery q(db);
    if (!q.prepare(QString::fromUtf8(sql)))
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    for (const auto &[name, value] : values)
        q.bindValue(name, value);
    if (!q.exec())
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    return q.numRowsAffected();
}

// Sums the rows the statements changed, stopping at the first error.
std::expected<int, DbError> total(std::initializer_list<std::function<std::expected<int, DbError>()>> statements)
{
    int rows = 0;
    for (const auto &statement : statements) {
        const auto changed = statement();
        if (!changed)
            return changed;
        rows += *changed;
    }
    return rows;
}

} // namespace

std::expected<bool, DbError> DemoHistory::auditLogIsEmpty(const QSqlDatabase &superuser)
{
    QSqlQuery q(superuser);
    if (!q.exec(QString::fromUtf8(kAuditLogHasRows)) || !q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), u"demo history: audit log"_s));
    return !q.value(0).toBool();
}

std::expected<int, DbError> DemoHistory::asReviewer(const QSqlDatabase &db)
{
    return total({
        [&] {
            return run(db, kAppendToDrafts,
                       {{u":line"_s, u"Reviewed: wording tightened before publishing."_s}, {u":draft"_s, u"draft"_s},
                        {u":count"_s, 2}},
                       u"demo history: edit drafts"_s);
        },
        [&] {
            return run(db, kDiscardDrafts,
                       {{u":discarded"_s, u"discarded"_s}, {u":draft"_s, u"draft"_s}, {u":skip"_s, 2}, {u":count"_s, 3}},
                       u"demo history: discard drafts"_s);
        },
    });
}

std::expected<int, DbError> DemoHistory::asAdmin(const QSqlDatabase &db)
{
    return total({
        [&] { return run(db, kFlipPreferences, {{u":count"_s, 3}}, u"demo history: preferences"_s); },
        [&] {
            return run(db, kSetNotificationSetting, {{u":key"_s, u"digest"_s}, {u":value"_s, u"weekly"_s}},
                       u"demo history: notification settings"_s);
        },
        [&] {
            return run(db, kPromoteMembership, {{u":to"_s, u"admin"_s}, {u":from"_s, u"write"_s}},
                       u"demo history: membership"_s);
        },
    });
}

std::expected<int, DbError> DemoHistory::asSupport(const QSqlDatabase &db)
{
    return run(db, kLinkStripeCustomer, {{u":prefix"_s, u"cus_"_s}}, u"demo history: Stripe customer"_s);
}

std::expected<int, DbError> DemoHistory::record(const QSqlDatabase &superuser, const ConnectionProfile &profile)
{
    const auto empty = auditLogIsEmpty(superuser);
    if (!empty)
        return std::unexpected(empty.error());
    if (!*empty)
        return 0;

    const Demo demos[] = {{"demo_reviewer", &asReviewer}, {"demo_admin", &asAdmin}, {"demo_support", &asSupport}};
    int rows = 0;
    for (const Demo &demo : demos) {
        ConnectionProfile asLogin = profile;
        asLogin.user = QString::fromLatin1(demo.login);
        auto conn = PgConnection::open(asLogin, {}, u"demo history"_s);
        if (!conn)
            return std::unexpected(conn.error());
        QSqlDatabase db = (*conn)->db();
        if (!db.transaction())
            return std::unexpected(DbError::fromSql(db.lastError(), u"demo history: begin"_s));
        const auto labelled = run(db, kLabelAsDemoSetUp,
                                  {{u":name"_s, QString::fromLatin1(AuditStore::kDemoSetUpApplication)}},
                                  u"demo history: label the edits"_s);
        const auto changed = labelled ? demo.edit(db) : labelled;
        if (!changed) {
            db.rollback();
            return changed;
        }
        if (!db.commit())
            return std::unexpected(DbError::fromSql(db.lastError(), u"demo history: commit"_s));
        rows += *changed;
    }
    return rows;
}
