#pragma once

#include "installationdetailstore.h"
#include "recordpane.h"

class QTreeWidget;

// Read-only view of one GitHub App installation: ids, account, creation time and its members with
// their permission levels.
class InstallationDetailPane : public RecordPane
{
    Q_OBJECT

public:
    explicit InstallationDetailPane(QWidget *parent = nullptr);

    void showInstallation(const InstallationDetail &installation);
    qint64 installationId() const { return m_id; }
    QTreeWidget *members() const { return m_members; }

protected:
    void clearRecord() override;

private:
    qint64 m_id = -1;
    QTreeWidget *m_members = nullptr;
};
