#pragma once

#include <memory>

#include "githubcontextpane.h"

class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;
struct Comparison;

// What a pull-request draft would change: the comparison base...head of its repository, as the
// files changed (status, +additions, −deletions) and the unified diff, coloured (+ green, − red,
// @@ blue), monospace and scrollable. Choosing a file scrolls the diff to it. The comparison
// (JSON) and the diff (text) load in parallel through the GitHubClient.
class ComparisonPane : public GitHubContextPane
{
    Q_OBJECT

public:
    enum FileColumn { FileName, FileStatus, FileAdditions, FileDeletions };

    explicit ComparisonPane(QWidget *parent = nullptr);
    ~ComparisonPane() override;

    // `repository` is "owner/name"; `base` and `head` are branch names (or `owner:branch`).
    void showComparison(const QString &repository, const QString &base, const QString &head);
    QString repository() const { return m_repository; }
    QString base() const { return m_base; }
    QString head() const { return m_head; }

    QTreeWidget *fileList() const { return m_files; }
    QPlainTextEdit *diffView() const { return m_diff; }

protected:
    bool hasTarget() const override;
    void startLoad(quint64 generation) override;
    void clearContent() override;

private:
    struct Pending;
    void finishIfComplete(quint64 generation);
    void showFiles(const Comparison &comparison);
    void scrollToFile(QTreeWidgetItem *item);

    QString m_repository;
    QString m_base;
    QString m_head;
    std::unique_ptr<Pending> m_pending;
    QTreeWidget *m_files = nullptr;
    QPlainTextEdit *m_diff = nullptr;
};
