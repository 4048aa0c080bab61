#include <QTest>

#include "rolepolicy.h"

using namespace Qt::StringLiterals;

using Capability = RolePolicy::Capability;
Q_DECLARE_METATYPE(RolePolicy::Capability)

// Which console capabilities each staff role unlocks, and the tooltip for those it does not.
class TestRolePolicy : public QObject
{
    Q_OBJECT

private slots:
    void capabilities_data();
    void capabilities();
    void notConnectedAllowsNothing();
};

void TestRolePolicy::capabilities_data()
{
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<bool>("superuser");
    QTest::addColumn<bool>("createRole");
    QTest::addColumn<Capability>("capability");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("reason");

    const QStringList reviewer{u"staff_reviewer"_s};
    const QStringList admin{u"staff_admin"_s, u"staff_reviewer"_s};
    const QStringList support{u"staff_support"_s};
    const QString needsAdmin = u"Requires the staff_admin role."_s;
    const QString needsReviewer = u"Requires the staff_reviewer role."_s;
    const QString needsSupport = u"Requires the staff_support role."_s;

    QTest::newRow("reviewer edits drafts") << reviewer << false << false << Capability::EditDrafts << true << QString();
    QTest::newRow("reviewer publishes") << reviewer << false << false << Capability::PublishDrafts << true << QString();
    QTest::newRow("reviewer preferences") << reviewer << false << false << Capability::EditPreferences << false << needsAdmin;
    QTest::newRow("reviewer memberships") << reviewer << false << false << Capability::EditMemberships << false << needsAdmin;
    QTest::newRow("reviewer stripe") << reviewer << false << false << Capability::EditStripeLink << false << needsSupport;
    QTest::newRow("reviewer audit") << reviewer << false << false << Capability::ReadAudit << true << QString();
    QTest::newRow("reviewer logins") << reviewer << false << false << Capability::CreateStaffLogin << false
                                     << u"Requires a login with the CREATEROLE attribute."_s;
    QTest::newRow("admin edits drafts") << admin << false << false << Capability::EditDrafts << true << QString();
    QTest::newRow("admin preferences") << admin << false << false << Capability::EditPreferences << true << QString();
    QTest::newRow("admin memberships") << admin << false << false << Capability::EditMemberships << true << QString();
    QTest::newRow("reviewer restores") << reviewer << false << false << Capability::RestoreDrafts << false << needsAdmin;
    QTest::newRow("reviewer takes over") << reviewer << false << false << Capability::TakeOverDraftClaims << false << needsAdmin;
    QTest::newRow("admin restores") << admin << false << false << Capability::RestoreDrafts << true << QString();
    QTest::newRow("admin takes over") << admin << false << false << Capability::TakeOverDraftClaims << true << QString();
    QTest::newRow("admin stripe") << admin << false << false << Capability::EditStripeLink << false << needsSupport;
    QTest::newRow("support drafts") << support << false << false << Capability::EditDrafts << false << needsReviewer;
    QTest::newRow("support publishes") << support << false << false << Capability::PublishDrafts << false << needsReviewer;
    QTest::newRow("support preferences") << support << false << false << Capability::EditPreferences << false << needsAdmin;
    QTest::newRow("support stripe") << support << false << false << Capability::EditStripeLink << true << QString();
    QTest::newRow("support audit") << support << false << false << Capability::ReadAudit << true << QString();
    QTest::newRow("creator without role") << QStringList{} << false << true << Capability::CreateStaffLogin << true << QString();
    QTest::newRow("creator without role audit") << QStringList{} << false << true << Capability::ReadAudit << false
                                                << u"Requires a staff role (staff_reviewer, staff_admin or staff_support)."_s;
    QTest::newRow("superuser everything") << QStringList{} << true << false << Capability::EditMemberships << true << QString();
    QTest::newRow("superuser logins") << QStringList{} << true << false << Capability::CreateStaffLogin << true << QString();
}

void TestRolePolicy::capabilities()
{
    QFETCH(QStringList, roles);
    QFETCH(bool, superuser);
    QFETCH(bool, createRole);
    QFETCH(Capability, capability);
    QFETCH(bool, allowed);
    QFETCH(QString, reason);
    const RolePolicy policy(roles, superuser, createRole);
    QCOMPARE(policy.allows(capability), allowed);
    QCOMPARE(policy.reason(capability), reason);
}

void TestRolePolicy::notConnectedAllowsNothing()
{
    const RolePolicy policy;
    QVERIFY(!policy.allows(Capability::ReadAudit));
    QCOMPARE(policy.reason(Capability::EditDrafts), u"Connect to a database first."_s);
}

QTEST_GUILESS_MAIN(TestRolePolicy)
#include "tst_rolepolicy.moc"
