#pragma once

#include "draftstore.h"
#include "recordpane.h"

class MarkdownPreview;

// Read-only view of one draft: its metadata and its content rendered as GitHub renders it.
class DraftDetailPane : public RecordPane
{
    Q_OBJECT

public:
    explicit DraftDetailPane(QWidget *parent = nullptr);

    void showDraft(const DraftDetail &draft);
    qint64 draftId() const { return m_id; }
    QString renderedText() const;                // the content as rendered (plain text)

protected:
    void clearRecord() override;

private:
    qint64 m_id = -1;
    MarkdownPreview *m_content = nullptr;
};
