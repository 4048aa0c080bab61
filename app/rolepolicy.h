#pragma once

#include <QString>
#include <QStringList>

struct SessionInfo;

// What the connected login may do in the console, from its staff roles (migration 005). The UI
// disables what is not allowed and shows reason() as the tooltip; PostgreSQL enforces the same
// rules, so this only spares the user a refusal. Value type, widget-free.
class RolePolicy
{
public:
    enum class Capability {
        EditDrafts,        // content, metadata, status of draft_content
        PublishDrafts,     // publish to GitHub / discard (writes the publication log)
        EditPreferences,   // insert/update user_preferences
        EditMemberships,   // insert/update/delete user_installations
        EditStripeLink,    // users.stripe_customer_id
        ReadAudit,         // the audit log
        CreateStaffLogin,  // CREATE ROLE ... LOGIN (needs CREATEROLE)
        RestoreDrafts,     // return a discarded draft to 'draft' (migration 012)
        TakeOverDraftClaims, // end another login's claim on a draft (staff_take_over_draft_claim)
    };

    RolePolicy() = default;  // allows nothing (not connected)
    RolePolicy(QStringList staffRoles, bool superuser, bool createRole);
    static RolePolicy fromSessionInfo(const SessionInfo &info);

    bool allows(Capability capability) const;
    // Any one of these roles grants the capability; empty for CreateStaffLogin (an attribute).
    static QStringList requiredRoles(Capability capability);
    // Empty when allowed, else e.g. "Requires the staff_admin role."
    QString reason(Capability capability) const;

    QStringList staffRoles() const { return m_roles; }

    bool operator==(const RolePolicy &other) const = default;

private:
    QStringList m_roles;
    bool m_superuser = false;
    bool m_createRole = false;
    bool m_connected = false;
};
