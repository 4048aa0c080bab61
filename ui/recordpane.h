#pragma once

#include <QColor>
#include <QDateTime>
#include <QList>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QVBoxLayout;

// Base of the read-only detail panes: a title, a table of facts, and sections the subclass adds
// below. showMessage() replaces all of it by one line (loading, nothing selected, gone, an error).
class RecordPane : public QWidget
{
    Q_OBJECT

public:
    explicit RecordPane(QWidget *parent = nullptr);

    void showMessage(const QString &message);
    QString titleText() const;
    QString factsText() const;   // the facts as plain text, one "label: value" per line

    static QString localTime(const QDateTime &time);
    static QColor highlightColor();   // background of search matches

protected:
    using Facts = QList<std::pair<QString, QString>>;
    void showRecord(const QString &title, const Facts &facts);   // shows the sections again
    // Marks each case-insensitive occurrence of `term` in the shown title; empty: none.
    void highlightTitle(const QString &term);
    QLabel *addSection(const QString &heading, QWidget *content, int stretch);   // empty heading: none
    virtual void clearRecord() {}   // called by showMessage(): forget the shown record
    static QTreeWidget *makeTable(const QString &accessibleName, const QStringList &headers);

private:
    QLabel *m_title = nullptr;
    QString m_titleText;   // as plain text (the label may hold it marked up)
    QLabel *m_facts = nullptr;
    Facts m_factList;
    QVBoxLayout *m_layout = nullptr;
    QList<QWidget *> m_sections;
};
