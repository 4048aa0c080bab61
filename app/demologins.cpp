#include "demologins.h"

#include "stafflogincreator.h"

using namespace Qt::StringLiterals;

QList<DemoLogins::Login> DemoLogins::logins()
{
    return {
        {u"demo_reviewer"_s, u"staff_reviewer"_s, u"Reviewer: edits and publishes drafts"_s},
        {u"demo_admin"_s, u"staff_admin"_s, u"Admin: also edits preferences and memberships"_s},
        {u"demo_support"_s, u"staff_support"_s, u"Support: reads everything, edits Stripe links"_s},
    };
}

std::expected<void, QString> DemoLogins::create(const QSqlDatabase &db)
{
    StaffLoginCreator creator(db);
    for (const Login &login : logins()) {
        const auto exists = creator.exists(login.name);
        if (!exists)
            return std::unexpected(exists.error().text());
        if (*exists)
            continue;
        auto created = creator.create(login.name, {login.role});
        if (!created)
            return std::unexpected(created.error().text());
        created->fill(u'\0');
    }
    return {};
}
