#pragma once

#include <QString>

#include "rolepolicy.h"

class QAction;
class QTabWidget;
class QWidget;

// Enables what a login may use from its RolePolicy. What it may not use is disabled and its
// tooltip (and status tip) names what would allow it ("Requires the staff_admin role."); what it
// may use gets `allowedTip` back.
class RoleGate
{
public:
    static bool apply(QAction *action, const RolePolicy &policy, RolePolicy::Capability capability,
                      const QString &allowedTip);
    static bool apply(QWidget *widget, const RolePolicy &policy, RolePolicy::Capability capability,
                      const QString &allowedTip = {});
    // A tab of `tabs` (its page disabled too); the tab's tooltip says why.
    static bool applyTab(QTabWidget *tabs, int index, const RolePolicy &policy,
                         RolePolicy::Capability capability, const QString &allowedTip = {});
};
