#pragma once

#include <QUrl>

#include <expected>
#include <memory>

#include "connectionprofile.h"
#include "settings.h"

class SandboxGitHub;

// The demo's GitHub: the sandbox GitHub (an in-process server, never real GitHub) answering for
// the demo database's installations, and the run override that points this run's API settings at
// it with the sandbox App's ID and a throwaway key. Create, use and destroy it on the main thread.
class DemoGitHub
{
public:
    // Reads the installations of the database `demo` names (blocking, at start-up, before the
    // window), then starts the sandbox on a free port of 127.0.0.1.
    static std::expected<std::unique_ptr<DemoGitHub>, QString> start(const ConnectionProfile &demo);
    ~DemoGitHub();
    DemoGitHub(const DemoGitHub &) = delete;
    DemoGitHub &operator=(const DemoGitHub &) = delete;

    SandboxGitHub &sandbox() const { return *m_sandbox; }
    QUrl baseUrl() const;
    int installationCount() const { return m_installationCount; }
    const RunOverride &runOverride() const { return m_runOverride; }

private:
    DemoGitHub();

    std::unique_ptr<SandboxGitHub> m_sandbox;
    RunOverride m_runOverride;
    int m_installationCount = 0;
};
