#include "rolegate.h"

#include <QAction>
#include <QTabWidget>
#include <QWidget>

bool RoleGate::apply(QAction *action, const RolePolicy &policy, RolePolicy::Capability capability,
                     const QString &allowedTip)
{
    const bool allowed = policy.allows(capability);
    action->setEnabled(allowed);
    action->setToolTip(allowed ? allowedTip : policy.reason(capability));
    action->setStatusTip(action->toolTip());
    return allowed;
}

bool RoleGate::apply(QWidget *widget, const RolePolicy &policy, RolePolicy::Capability capability,
                     const QString &allowedTip)
{
    const bool allowed = policy.allows(capability);
    widget->setEnabled(allowed);
    widget->setToolTip(allowed ? allowedTip : policy.reason(capability));
    return allowed;
}

bool RoleGate::applyTab(QTabWidget *tabs, int index, const RolePolicy &policy,
                        RolePolicy::Capability capability, const QString &allowedTip)
{
    const bool allowed = policy.allows(capability);
    tabs->setTabEnabled(index, allowed);
    tabs->setTabToolTip(index, allowed ? allowedTip : policy.reason(capability));
    return allowed;
}
