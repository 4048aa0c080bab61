#pragma once

#include <QColor>
#include <QDateTime>
#include <QList>
#include <QUrl>
#include <QWidget>

#include <tuple>

class QLabel;
class QTreeWidget;
class QVBoxLayout;

// Base of the read-only detail panes: a title, a table of facts, and sections the subclass adds
// below. showMessage() replaces all of it by one line (loading, nothing selected, gone, an error).
// A fact may carry a link (a RecordRef URL or a web page): activating it emits linkActivated().
class RecordPane : public QWidget
{
    Q_OBJECT

public:
    explicit RecordPane(QWidget *parent = nullptr);

    void showMessage(const QString &message);
    QString titleText() const;
    QString factsText() const;   // the facts as plain text, one "label: value" per line
    // Where the fact's value (or the part `text` of it) links to; empty: nowhere.
    QUrl factLink(const QString &label, const QString &text = {}) const;

    static QString localTime(const QDateTime &time);
    static QColor highlightColor();   // background of search matches

signals:
    void linkActivated(const QUrl &url);

protected:
    using Facts = QList<std::pair<QString, QString>>;
    struct FactLink
    {
        QString label;   // the fact's
        QString text;    // the part of its value that links; empty: all of it
        QUrl url;
    };
    using FactLinks = QList<FactLink>;
    // Marks each case-insensitive occurrence of `term` in the shown title; empty: none.
    void highlightTitle(const QString &term);
    void showRecord(const QString &title, const Facts &facts, const FactLinks &links = {});   // shows the sections again
    QLabel *addSection(const QString &heading, QWidget *content, int stretch);   // empty heading: none
    virtual void clearRecord() {}   // called by showMessage(): forget the shown record
    static QTreeWidget *makeTable(const QString &accessibleName, const QStringList &headers);

private:
    QLabel *m_title = nullptr;
    QString m_titleText;   // as plain text (the label may hold it marked up)
    QLabel *m_facts = nullptr;
    Facts m_factList;
    QList<std::tuple<QString, QString, QUrl>> m_factLinks;
    QVBoxLayout *m_layout = nullptr;
    QList<QWidget *> m_sections;
};
