#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class Session;

// The welcome workspace: what the console is connected to (server, database, login, roles,
// schema), how much data is there and what this login can do here per staff role (RoleAbilities),
// or an invitation to connect. Reads the Session; no queries.
class OverviewWorkspace : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewWorkspace(QWidget *parent = nullptr);

    void showSession(const Session *session);   // null: not connected
    void showConnecting(const QString &where);
    // Where GitHub requests go when not to GitHub itself (the demo's sandbox); empty: no row.
    void showGitHubTarget(const QString &text);
    QString summaryText() const;                // the visible facts as plain text (tests, a11y)
    QString abilitiesText() const { return m_abilitiesText; }   // RoleAbilities::text() of the session

signals:
    void connectRequested();

private:
    QLabel *addFact(QFormLayout *form, const QString &label);

    QLabel *m_heading = nullptr;
    QLabel *m_subtitle = nullptr;
    QPushButton *m_connect = nullptr;
    QWidget *m_facts = nullptr;
    QLabel *m_server = nullptr;
    QLabel *m_database = nullptr;
    QLabel *m_login = nullptr;
    QLabel *m_roles = nullptr;
    QLabel *m_schema = nullptr;
    QLabel *m_security = nullptr;
    QLabel *m_github = nullptr;
    QFormLayout *m_factsForm = nullptr;
    QWidget *m_data = nullptr;
    QLabel *m_hint = nullptr;
    QWidget *m_abilitiesBox = nullptr;
    QLabel *m_abilities = nullptr;
    QString m_abilitiesText;
    QList<QLabel *> m_counts;
};
