#pragma once

#include <QString>

class Session;

// Short texts describing a loaded Session, shared by the status bar and the overview.
class SessionSummary
{
public:
    explicit SessionSummary(const Session &session) : m_session(session) {}

    QString address() const;    // "db.example.com:5432" / "local socket:5432"
    QString server() const;     // "db.example.com:5432 · PostgreSQL 15.4"
    QString roles() const;      // "reviewer, admin" / "superuser (every role)" / "no staff role"
    QString schema() const;     // "version 8 of 8 (up to date)"
    QString schemaShort() const; // "v8" when up to date, else "v3 of 8 (behind)"
    QString transport() const;  // "SSL mode verify-full, CA /etc/ca.pem" / "Unix socket in /run/postgresql"

private:
    const Session &m_session;
};
