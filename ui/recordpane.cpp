#include "recordpane.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "timeformat.h"

using namespace Qt::StringLiterals;

RecordPane::RecordPane(QWidget *parent)
    : QWidget(parent)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(6, 0, 0, 0);
    m_title = new QLabel;
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_facts = new QLabel;
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_facts->setOpenExternalLinks(false);
    connect(m_facts, &QLabel::linkActivated, this, [this](const QString &link) { emit linkActivated(QUrl(link)); });
    m_layout->addWidget(m_title);
    m_layout->addWidget(m_facts);
    m_layout->addStretch(0);   // takes the space while the sections are hidden
}

QString RecordPane::localTime(const QDateTime &time)
{
    return time.isValid() ? TimeFormat::text(time) : u"—"_s;
}

QTreeWidget *RecordPane::makeTable(const QString &accessibleName, const QStringList &headers)
{
    auto *table = new QTreeWidget;
    table->setAccessibleName(accessibleName);
    table->setRootIsDecorated(false);
    table->setUniformRowHeights(true);
    table->setAlternatingRowColors(true);
    table->setHeaderLabels(headers);
    table->header()->setSectionResizeMode(QHeaderView::Interactive);
    table->header()->setStretchLastSection(true);
    return table;
}

QLabel *RecordPane::addSection(const QString &heading, QWidget *content, int stretch)
{
    const int end = m_layout->count() - 1;
    QLabel *label = nullptr;
    if (!heading.isEmpty()) {
        label = new QLabel(heading);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        label->setBuddy(content);
        m_layout->insertSpacing(end, 6);
        m_layout->insertWidget(end + 1, label);
        m_sections << label;
        label->setVisible(false);
    }
    m_layout->insertWidget(m_layout->count() - 1, content, stretch);
    m_sections << content;
    content->setVisible(false);
    return label;
}

void RecordPane::showRecord(const QString &title, const Facts &facts, const FactLinks &links)
{
    m_titleText = title;
    m_title->setTextFormat(Qt::PlainText);
    m_title->setText(title);
    m_factList = facts;
    m_factLinks.clear();
    for (const FactLink &link : links)
        m_factLinks.append({link.label, link.text, link.url});
    QString html = u"<table>"_s;
    for (const auto &[label, value] : facts) {
        QString shown = value.toHtmlEscaped();
        for (const FactLink &link : links) {
            if (link.label != label || !link.url.isValid())
                continue;
            const QString part = (link.text.isEmpty() ? value : link.text).toHtmlEscaped();
            const QString anchor = u"<a href=\"%1\">%2</a>"_s.arg(
                QString::fromUtf8(link.url.toEncoded()).toHtmlEscaped(), part);
            if (const qsizetype at = shown.indexOf(part); at >= 0)
                shown.replace(at, part.size(), anchor);
        }
        html += u"<tr><td style='padding-right:12px; color:gray'>%1</td><td>%2</td></tr>"_s.arg(
            label.toHtmlEscaped(), shown);
    }
    html += u"</table>"_s;
    m_facts->setText(html);
    m_facts->setVisible(true);
    for (QWidget *section : std::as_const(m_sections))
        section->setVisible(true);
}

void RecordPane::showMessage(const QString &message)
{
    clearRecord();
    m_titleText = message;
    m_title->setTextFormat(Qt::PlainText);
    m_title->setText(message);
    m_factList.clear();
    m_factLinks.clear();
    m_facts->clear();
    m_facts->setVisible(false);
    for (QWidget *section : std::as_const(m_sections))
        section->setVisible(false);
}

QString RecordPane::titleText() const
{
    return m_titleText;
}

void RecordPane::highlightTitle(const QString &term)
{
    if (term.isEmpty() || !m_titleText.contains(term, Qt::CaseInsensitive)) {
        m_title->setTextFormat(Qt::PlainText);
        m_title->setText(m_titleText);
        return;
    }
    QString html;
    qsizetype from = 0;
    for (qsizetype at = m_titleText.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
         at = m_titleText.indexOf(term, from, Qt::CaseInsensitive)) {
        html += m_titleText.mid(from, at - from).toHtmlEscaped() + u"<span style=\"background-color: %1; color: black;\">"_s.arg(highlightColor().name())
                + m_titleText.mid(at, term.size()).toHtmlEscaped() + u"</span>"_s;
        from = at + term.size();
    }
    html += m_titleText.mid(from).toHtmlEscaped();
    m_title->setTextFormat(Qt::RichText);
    m_title->setText(html);
}

QColor RecordPane::highlightColor()
{
    return QColor(0xff, 0xe0, 0x66);
}

QString RecordPane::factsText() const
{
    QStringList lines;
    for (const auto &[label, value] : m_factList)
        lines.append(label + u": "_s + value);
    return lines.join(u'\n');
}

QUrl RecordPane::factLink(const QString &label, const QString &text) const
{
    for (const auto &[linked, part, url] : m_factLinks) {
        if (linked == label && (text.isEmpty() || part == text))
            return url;
    }
    return {};
}
