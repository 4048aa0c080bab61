#include "auditchangesview.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

AuditChangesView::AuditChangesView(QWidget *parent)
    : QTableWidget(0, 3, parent)
{
    setAccessibleName(u"Audit entry: before and after"_s);
    setHorizontalHeaderLabels({u"Column"_s, u"Before"_s, u"After"_s});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(true);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
}

QString AuditChangesView::displayValue(const QString &json)
{
    if (json.isEmpty())
        return {};
    if (json.startsWith(u'"')) {
        // Only strings are decoded: numbers must not pass through a double.
        const QJsonDocument doc = QJsonDocument::fromJson((u'[' + json + u']').toUtf8());
        if (doc.isArray() && doc.array().size() == 1 && doc.array().at(0).isString())
            return doc.array().at(0).toString();
    }
    return json;
}

void AuditChangesView::showChanges(const QList<AuditChange> &changes)
{
    m_message.clear();
    clearSpans();
    setRowCount(int(changes.size()));
    const QBrush changed = palette().brush(QPalette::AlternateBase);
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
        setItem(row, 0, column);
        setItem(row, 1, before);
        setItem(row, 2, after);
    }
}

void AuditChangesView::showMessage(const QString &message)
{
    m_message = message;
    clearContents();
    setRowCount(1);
    auto *item = new QTableWidgetItem(message);
    item->setFlags(Qt::ItemIsEnabled);
    setItem(0, 0, item);
    setSpan(0, 0, 1, 3);
}
