#pragma once

#include <QString>
#include <QUrl>

#include <expected>
#include <memory>

#include "connectionprofile.h"
#include "settings.h"

class QProcess;

// The demo's GitHub: the sandbox GitHub (staff-console-sandbox, a child process on 127.0.0.1,
// never real GitHub) answering for the demo database's installations, and the run override that
// points this run's API settings at it with the sandbox App's ID and a throwaway key. The child
// ends with this object, and also when the console dies (it exits when its standard input closes).
class DemoGitHub
{
public:
    // Reads the installations of the database `demo` names (blocking, at start-up, before the
    // window), writes them for the sandbox, starts it and waits until it listens.
    static std::expected<std::unique_ptr<DemoGitHub>, QString> start(const ConnectionProfile &demo);
    ~DemoGitHub();
    DemoGitHub(const DemoGitHub &) = delete;
    DemoGitHub &operator=(const DemoGitHub &) = delete;

    // Where the sandbox program is: next to staff-console, else where this build put it.
    static QString sandboxProgram();

    QUrl baseUrl() const { return m_baseUrl; }
    QString webUrl() const { return m_webUrl; }      // html_url of issues and pulls point here
    qint64 appId() const { return m_appId; }
    QString appName() const { return m_appName; }
    int installationCount() const { return m_installationCount; }
    // The installation the sandbox reports as suspended (so the demo shows that refusal).
    QString suspendedInstallation() const { return m_suspended; }
    const RunOverride &runOverride() const { return m_runOverride; }

private:
    DemoGitHub();

    std::unique_ptr<QProcess> m_process;
    QUrl m_baseUrl;
    QString m_webUrl;
    qint64 m_appId = 0;
    QString m_appName;
    QString m_suspended;
    RunOverride m_runOverride;
    int m_installationCount = 0;
};
