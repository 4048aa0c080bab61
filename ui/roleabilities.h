#pragma once

#include <QString>
#include <QStringList>

#include "rolepolicy.h"

// What a login can do in the console, said per staff role from its RolePolicy: "As staff_reviewer
// you can: …", then what it cannot do with the role that would allow it ("edit users' preferences
// (needs staff_admin)"). For the Overview; plain text and the same as HTML.
class RoleAbilities
{
public:
    explicit RoleAbilities(RolePolicy policy, bool superuser = false);

    struct Paragraph
    {
        QString lead;        // "As staff_reviewer you can:" / "You cannot:"
        QStringList items;   // "publish drafts to GitHub or discard them"
    };
    QList<Paragraph> paragraphs() const;

    QString text() const;    // "As staff_reviewer you can: a, b; you cannot: c (needs staff_admin)." lines
    QString html() const;    // the paragraphs as lists

    // "read and edit drafts" for EditDrafts, …
    static QString describe(RolePolicy::Capability capability);

private:
    RolePolicy m_policy;
    bool m_superuser = false;
};
