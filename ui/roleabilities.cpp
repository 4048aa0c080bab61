#include "roleabilities.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

using Capability = RolePolicy::Capability;

const QList<Capability> &capabilities()
{
    static const QList<Capability> all = {Capability::EditDrafts,       Capability::PublishDrafts,
                                          Capability::EditPreferences,  Capability::EditMemberships,
                                          Capability::EditStripeLink,   Capability::ReadAudit,
                                          Capability::CreateStaffLogin};
    return all;
}

// Every staff role may read the five tables (migration 005); RolePolicy only lists what differs.
const QString kBrowse = u"browse drafts, users and installations"_s;

QString needs(Capability capability)
{
    if (capability == Capability::CreateStaffLogin)
        return u"needs a login with CREATEROLE"_s;
    const QStringList roles = RolePolicy::requiredRoles(capability);
    if (roles.size() >= 3)
        return u"needs a staff role"_s;
    // The narrowest role that grants it (the reviewer's, not the admin who inherits it).
    return roles.isEmpty() ? QString() : u"needs %1"_s.arg(roles.first());
}

} // namespace

RoleAbilities::RoleAbilities(RolePolicy policy, bool superuser)
    : m_policy(std::move(policy))
    , m_superuser(superuser)
{
}

QString RoleAbilities::describe(Capability capability)
{
    switch (capability) {
    case Capability::EditDrafts: return u"read and edit drafts"_s;
    case Capability::PublishDrafts: return u"publish drafts to GitHub or discard them"_s;
    case Capability::EditPreferences: return u"edit users' preferences"_s;
    case Capability::EditMemberships: return u"change who is a member of an installation"_s;
    case Capability::EditStripeLink: return u"link a user to a Stripe customer"_s;
    case Capability::ReadAudit: return u"read the audit log and each record's history"_s;
    case Capability::CreateStaffLogin: return u"create staff logins"_s;
    case Capability::RestoreDrafts: return u"return discarded drafts to the queue"_s;
    case Capability::TakeOverDraftClaims: return u"take over a draft another reviewer has open"_s;
    }
    return {};
}

QList<RoleAbilities::Paragraph> RoleAbilities::paragraphs() const
{
    QList<Paragraph> result;
    if (m_superuser) {
        Paragraph all{u"As a superuser you can:"_s, {kBrowse}};
        for (Capability c : capabilities())
            all.items << describe(c);
        return {all};
    }
    const QStringList roles = m_policy.staffRoles();
    const auto grantedBy = [](const QString &role) {
        QList<Capability> granted;
        for (Capability c : capabilities()) {
            if (RolePolicy::requiredRoles(c).contains(role))
                granted << c;
        }
        return granted;
    };
    for (const QString &role : roles) {
        const QList<Capability> granted = grantedBy(role);
        // A role whose grants another held role has too (staff_admin includes staff_reviewer) is
        // named with that role instead of repeating its list.
        const auto includes = [&](const QString &other) {
            const QList<Capability> more = grantedBy(other);
            return other != role && more.size() > granted.size()
                   && std::all_of(granted.begin(), granted.end(), [&more](Capability c) { return more.contains(c); });
        };
        if (std::any_of(roles.begin(), roles.end(), includes))
            continue;
        QStringList included;
        for (const QString &other : roles) {
            const QList<Capability> theirs = grantedBy(other);
            if (other != role && theirs.size() < granted.size()
                && std::all_of(theirs.begin(), theirs.end(), [&granted](Capability c) { return granted.contains(c); }))
                included << other;
        }
        Paragraph p{included.isEmpty() ? u"As %1 you can:"_s.arg(role)
                                       : u"As %1 (which includes %2) you can:"_s.arg(role, included.join(u", "_s)),
                    {kBrowse}};
        for (Capability c : granted)
            p.items << describe(c);
        result.append(p);
    }
    if (m_policy.allows(Capability::CreateStaffLogin))
        result.append({u"With the CREATEROLE attribute you can:"_s, {describe(Capability::CreateStaffLogin)}});

    Paragraph cannot;
    if (roles.isEmpty()) {
        cannot.lead = u"This login has no staff role. It cannot:"_s;
        cannot.items << kBrowse + u" (needs a staff role)"_s;
    } else {
        cannot.lead = roles.size() == 1 ? u"You cannot:"_s : u"With these roles you cannot:"_s;
    }
    for (Capability c : capabilities()) {
        if (!m_policy.allows(c))
            cannot.items << u"%1 (%2)"_s.arg(describe(c), needs(c));
    }
    if (!cannot.items.isEmpty())
        result.append(cannot);
    return result;
}

QString RoleAbilities::text() const
{
    QStringList lines;
    for (const Paragraph &p : paragraphs())
        lines << p.lead + u' ' + p.items.join(u"; "_s) + u'.';
    return lines.join(u'\n');
}

QString RoleAbilities::html() const
{
    QString html;
    for (const Paragraph &p : paragraphs()) {
        html += u"<p style=\"margin-bottom: 2px;\"><b>%1</b></p><ul style=\"margin-top: 0px;\">"_s.arg(p.lead.toHtmlEscaped());
        for (const QString &item : p.items)
            html += u"<li>%1</li>"_s.arg(item.toHtmlEscaped());
        html += u"</ul>"_s;
    }
    return html;
}
