#pragma once

#include <QWidget>

#include "draftstore.h"

class QFormLayout;
class QLabel;
class QTextBrowser;

// Read-only view of one draft: its metadata and its content rendered as Markdown.
class DraftDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit DraftDetailPane(QWidget *parent = nullptr);

    void showDraft(const DraftDetail &draft);
    void showMessage(const QString &message);   // loading, nothing selected, an error
    qint64 draftId() const { return m_id; }
    QString renderedText() const;                // the content as rendered (plain text)

private:
    qint64 m_id = -1;
    QLabel *m_title = nullptr;
    QLabel *m_facts = nullptr;
    QTextBrowser *m_content = nullptr;
};
