#include "rolepolicy.h"

#include "sessioninfo.h"

using namespace Qt::StringLiterals;

RolePolicy::RolePolicy(QStringList staffRoles, bool superuser, bool createRole)
    : m_roles(std::move(staffRoles))
    , m_superuser(superuser)
    , m_createRole(createRole)
    , m_connected(true)
{
}

RolePolicy RolePolicy::fromSessionInfo(const SessionInfo &info)
{
    return RolePolicy(info.staffRoles, info.superuser, info.createRole);
}

QStringList RolePolicy::requiredRoles(Capability capability)
{
    const QString reviewer = u"staff_reviewer"_s, admin = u"staff_admin"_s, support = u"staff_support"_s;
    switch (capability) {
    case Capability::EditDrafts:
    case Capability::PublishDrafts:
        return {reviewer, admin};  // an admin is a member of staff_reviewer
    case Capability::EditPreferences:
    case Capability::EditMemberships:
    case Capability::RestoreDrafts:
    case Capability::TakeOverDraftClaims:
        return {admin};
    case Capability::EditStripeLink:
        return {support};
    case Capability::ReadAudit:
        return {reviewer, admin, support};
    case Capability::CreateStaffLogin:
        return {};
    }
    return {};
}

bool RolePolicy::allows(Capability capability) const
{
    if (!m_connected)
        return false;
    if (m_superuser)
        return true;
    if (capability == Capability::CreateStaffLogin)
        return m_createRole;
    const QStringList required = requiredRoles(capability);
    for (const QString &role : required) {
        if (m_roles.contains(role))
            return true;
    }
    return false;
}

QString RolePolicy::reason(Capability capability) const
{
    if (allows(capability))
        return {};
    if (!m_connected)
        return u"Connect to a database first."_s;
    if (capability == Capability::CreateStaffLogin)
        return u"Requires a login with the CREATEROLE attribute."_s;
    const QStringList required = requiredRoles(capability);
    if (capability == Capability::ReadAudit)
        return u"Requires a staff role (staff_reviewer, staff_admin or staff_support)."_s;
    // Name the narrowest role that grants it (the reviewer, not the admin who inherits it).
    return u"Requires the %1 role."_s.arg(required.first());
}
