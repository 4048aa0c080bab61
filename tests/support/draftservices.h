#pragma once

#include "auditreader.h"
#include "connectionfactory.h"
#include "draftclaims.h"
#include "draftstore.h"
#include "draftsworkspace.h"
#include "userdetailstore.h"

// What a Session gives the Drafts workspace, on one login's connections: for tests that show a
// DraftsWorkspace without a MainWindow. Declare it before the workspace (the workspace uses the
// services until it is gone); its claims end with it. Header-only: only tests that link the UI
// include it.
struct DraftServices
{
    explicit DraftServices(const ConnectionFactory &connect)
        : factory(connect), drafts(connect), claims(connect), owners(connect), audit(connect)
    {
    }

    // Connects `workspace` as MainWindow does for a session: the services, then the list.
    void serve(DraftsWorkspace &workspace)
    {
        workspace.setServices(&drafts, &claims, &owners, &audit);
        workspace.setConnectionFactory(factory);
    }

    ConnectionFactory factory;
    DraftStore drafts;
    DraftClaims claims;
    UserDetailStore owners;
    AuditReader audit;
};
