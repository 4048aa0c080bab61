#pragma once

#include <QTreeWidget>

// A draft's metadata (JSONB text) as a read-only tree of keys and values. Values are shown exactly
// as written in the text: numbers keep their digits (9007199254740993, 1.10, 1e400 stay as they
// are), strings are quoted. Invalid JSON shows one row saying so.
class MetadataTree : public QTreeWidget
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn };

    explicit MetadataTree(QWidget *parent = nullptr);

    void showJson(const QString &json);
    // The value text shown for a top-level key (tests, summaries); empty when absent.
    QString valueOf(const QString &key) const;
};
