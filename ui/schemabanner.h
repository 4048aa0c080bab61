#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class Session;

// The strip above the workspaces that says what is wrong with the schema: behind (with
// "Migrate now" when the login may migrate, otherwise exactly what is missing), ahead (the console
// is read-only and why), unreadable. Hidden when the schema is up to date or nothing is connected.
class SchemaBanner : public QFrame
{
    Q_OBJECT

public:
    explicit SchemaBanner(QWidget *parent = nullptr);

    void showSession(const Session *session);
    void showMigrating();
    void showMigrationError(const QString &text);
    QString text() const;
    bool offersMigration() const;

signals:
    void migrateRequested();

private:
    void setTone(bool error);

    QLabel *m_text = nullptr;
    QPushButton *m_migrate = nullptr;
};
