#include "metadatatree.h"

#include <QHeaderView>

#include <nlohmann/json.hpp>

#include <vector>

using namespace Qt::StringLiterals;

namespace {

// Builds tree items from nlohmann's SAX events. Floats arrive with their source text; integers
// arrive as 64-bit values, which print exactly.
class TreeBuilder : public nlohmann::json_sax<nlohmann::json>
{
public:
    explicit TreeBuilder(QTreeWidget *tree) : m_tree(tree) {}

    bool null() override { return add(u"null"_s); }
    bool boolean(bool value) override { return add(value ? u"true"_s : u"false"_s); }
    bool number_integer(number_integer_t value) override { return add(QString::number(value)); }
    bool number_unsigned(number_unsigned_t value) override { return add(QString::number(value)); }
    bool number_float(number_float_t, const string_t &text) override { return add(QString::fromStdString(text)); }
    bool string(string_t &value) override { return add(u'"' + QString::fromStdString(value) + u'"'); }
    bool binary(binary_t &) override { return add(u"(binary)"_s); }
    bool start_object(std::size_t) override { return open(u"{…}"_s, false); }
    bool key(string_t &key) override
    {
        m_key = QString::fromStdString(key);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(u"[…]"_s, true); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &) override
    {
        m_error = u"Not valid JSON (at character %1)."_s.arg(position);
        return false;
    }

    QString error() const { return m_error; }

private:
    struct Level
    {
        QTreeWidgetItem *item = nullptr;   // null: the root level
        bool array = false;
        int next = 0;
    };

    QTreeWidgetItem *newItem(const QString &value)
    {
        QString key = m_key;
        if (!m_levels.empty() && m_levels.back().array)
            key = u"[%1]"_s.arg(m_levels.back().next++);
        m_key.clear();
        auto *item = (m_levels.empty() || !m_levels.back().item) ? new QTreeWidgetItem(m_tree)
                                                                  : new QTreeWidgetItem(m_levels.back().item);
        item->setText(MetadataTree::KeyColumn, key.isEmpty() && m_levels.empty() ? u"(value)"_s : key);
        item->setText(MetadataTree::ValueColumn, value);
        return item;
    }
    bool add(const QString &value)
    {
        newItem(value);
        return true;
    }
    bool open(const QString &summary, bool array)
    {
        if (m_levels.empty() && !array) {   // the top-level object: its keys are the top rows
            m_levels.push_back({nullptr, false, 0});
            return true;
        }
        m_levels.push_back({newItem(summary), array, 0});
        return true;
    }
    bool close()
    {
        if (!m_levels.empty())
            m_levels.pop_back();
        return true;
    }

    QTreeWidget *m_tree;
    std::vector<Level> m_levels;
    QString m_key;
    QString m_error;
};

} // namespace

MetadataTree::MetadataTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setAccessibleName(u"Metadata"_s);
    setColumnCount(2);
    setHeaderLabels({u"Key"_s, u"Value"_s});
    setUniformRowHeights(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    header()->setSectionResizeMode(KeyColumn, QHeaderView::Interactive);
    header()->resizeSection(KeyColumn, 180);
}

void MetadataTree::showJson(const QString &json)
{
    clear();
    if (json.trimmed().isEmpty()) {
        new QTreeWidgetItem(this, {u"(none)"_s, u"null"_s});
        return;
    }
    TreeBuilder builder(this);
    const std::string text = json.toStdString();
    if (!nlohmann::json::sax_parse(text, &builder)) {
        clear();
        new QTreeWidgetItem(this, {u"(invalid)"_s, builder.error()});
        return;
    }
    expandToDepth(1);
}

QString MetadataTree::valueOf(const QString &key) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->text(KeyColumn) == key)
            return topLevelItem(i)->text(ValueColumn);
    }
    return {};
}
