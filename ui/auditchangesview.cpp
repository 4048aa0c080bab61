#include "auditchangesview.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

#include "timeformat.h"
#include "worddiff.h"

using namespace Qt::StringLiterals;

namespace {

// A timestamptz as to_jsonb writes it: 2026-12-05T14:03:12.123456+01:00
const QRegularExpression &timestampPattern()
{
    static const QRegularExpression pattern(
        uR"(^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,3})?\d*([+-]\d\d(:\d\d)?|Z)$)"_s);
    return pattern;
}

// A change worth a word diff: text on both sides, different, and more than one word somewhere.
bool isTextChange(const std::optional<QString> &before, const std::optional<QString> &after)
{
    if (!before || !after || *before == *after)
        return false;
    const auto hasSpace = [](const QString &s) { return std::any_of(s.begin(), s.end(), [](QChar c) { return c.isSpace(); }); };
    return hasSpace(*before) || hasSpace(*after);
}

} // namespace

AuditChangesView::AuditChangesView(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(u"Audit entry"_s);
    m_table = new QTableWidget(0, 3, this);
    m_table->setAccessibleName(u"Audit entry: before and after"_s);
    m_table->setHorizontalHeaderLabels({u"Column"_s, u"Before"_s, u"After"_s});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);

    m_diffHeading = new QLabel(u"Changed &words"_s, this);
    m_diff = new QTextBrowser(this);
    m_diff->setAccessibleName(u"Changed words"_s);
    m_diff->setOpenLinks(false);
    m_diffHeading->setBuddy(m_diff);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_diffHeading);
    layout->addWidget(m_diff, 1);
    m_diffHeading->hide();
    m_diff->hide();
}

std::optional<QString> AuditChangesView::jsonString(const QString &json)
{
    if (!json.startsWith(u'"'))
        return std::nullopt;
    // Only strings are decoded: numbers must not pass through a double.
    const QJsonDocument doc = QJsonDocument::fromJson((u'[' + json + u']').toUtf8());
    if (doc.isArray() && doc.array().size() == 1 && doc.array().at(0).isString())
        return doc.array().at(0).toString();
    return std::nullopt;
}

QString AuditChangesView::displayValue(const QString &json)
{
    if (json.isEmpty())
        return {};
    const std::optional<QString> text = jsonString(json);
    if (!text)
        return json;
    if (const QRegularExpressionMatch m = timestampPattern().match(*text); m.hasMatch()) {
        const QDateTime time = QDateTime::fromString(m.captured(1) + m.captured(2) + m.captured(3), Qt::ISODateWithMs);
        if (time.isValid())
            return TimeFormat::text(time);
    }
    return *text;
}

void AuditChangesView::showChanges(const QList<AuditChange> &changes)
{
    m_message.clear();
    m_table->clearSpans();
    m_table->setRowCount(int(changes.size()));
    const QBrush changed = palette().brush(QPalette::AlternateBase);
    QString html;
    QStringList marked;
    for (int row = 0; row < changes.size(); ++row) {
        const AuditChange &change = changes.at(row);
        auto *column = new QTableWidgetItem(change.column);
        auto *before = new QTableWidgetItem(change.before.isEmpty() ? u"—"_s : displayValue(change.before));
        auto *after = new QTableWidgetItem(change.after.isEmpty() ? u"—"_s : displayValue(change.after));
        before->setToolTip(change.before);
        after->setToolTip(change.after);
        if (change.before != change.after) {
            QFont bold = font();
            bold.setBold(true);
            column->setFont(bold);
            before->setBackground(changed);
            after->setBackground(changed);
        }
        m_table->setItem(row, 0, column);
        m_table->setItem(row, 1, before);
        m_table->setItem(row, 2, after);

        const std::optional<QString> oldText = jsonString(change.before);
        const std::optional<QString> newText = jsonString(change.after);
        if (isTextChange(oldText, newText)) {
            const QList<WordDiff::Segment> diff = WordDiff::compare(*oldText, *newText);
            html += u"<p><b>%1</b></p>"_s.arg(change.column.toHtmlEscaped()) + WordDiff::toHtml(diff);
            marked << change.column + u":\n"_s + WordDiff::toMarkedText(diff);
        }
    }
    m_diffText = marked.join(u"\n\n"_s);
    m_diffHeading->setVisible(!marked.isEmpty());
    m_diff->setVisible(!marked.isEmpty());
    m_diff->setHtml(html);
    m_diff->setAccessibleDescription(m_diffText);
    if (!marked.isEmpty())
        m_diff->scrollToAnchor(WordDiff::firstChangeAnchor());   // a long draft: open at its first change
}

void AuditChangesView::showMessage(const QString &message)
{
    m_message = message;
    m_diffText.clear();
    m_diff->clear();
    m_diffHeading->hide();
    m_diff->hide();
    m_table->clearContents();
    m_table->setRowCount(1);
    auto *item = new QTableWidgetItem(message);
    item->setFlags(Qt::ItemIsEnabled);
    m_table->setItem(0, 0, item);
    m_table->setSpan(0, 0, 1, 3);
}
