#include "githubjson.h"

namespace githubjson {

QString toQString(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString requiredString(const nlohmann::json &json, const char *key)
{
    return toQString(json.at(key).get<std::string>());
}

QString stringOr(const nlohmann::json &json, const char *key, const QString &fallback)
{
    return optionalString(json, key).value_or(fallback);
}

std::optional<QString> optionalString(const nlohmann::json &json, const char *key)
{
    const nlohmann::json *value = member(json, key);
    if (!value || !value->is_string())
        return std::nullopt;
    return toQString(value->get_ref<const std::string &>());
}

qint64 requiredInteger(const nlohmann::json &json, const char *key)
{
    const nlohmann::json &value = json.at(key);
    if (!value.is_number_integer())
        throw nlohmann::json::type_error::create(302, std::string("\"") + key + "\" must be an integer",
                                                 &value);
    return value.get<qint64>();
}

qint64 integerOr(const nlohmann::json &json, const char *key, qint64 fallback)
{
    return optionalInteger(json, key).value_or(fallback);
}

std::optional<qint64> optionalInteger(const nlohmann::json &json, const char *key)
{
    const nlohmann::json *value = member(json, key);
    if (!value || !value->is_number_integer())
        return std::nullopt;
    return value->get<qint64>();
}

bool boolOr(const nlohmann::json &json, const char *key, bool fallback)
{
    return optionalBool(json, key).value_or(fallback);
}

std::optional<bool> optionalBool(const nlohmann::json &json, const char *key)
{
    const nlohmann::json *value = member(json, key);
    if (!value || !value->is_boolean())
        return std::nullopt;
    return value->get<bool>();
}

QDateTime dateTimeOr(const nlohmann::json &json, const char *key)
{
    return optionalDateTime(json, key).value_or(QDateTime());
}

std::optional<QDateTime> optionalDateTime(const nlohmann::json &json, const char *key)
{
    const std::optional<QString> text = optionalString(json, key);
    if (!text)
        return std::nullopt;
    const QDateTime parsed = QDateTime::fromString(*text, Qt::ISODate);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toUTC();
}

QMap<QString, QString> stringMap(const nlohmann::json &json, const char *key)
{
    QMap<QString, QString> result;
    const nlohmann::json *value = member(json, key);
    if (!value || !value->is_object())
        return result;
    for (const auto &[name, entry] : value->items()) {
        if (entry.is_string())
            result.insert(toQString(name), toQString(entry.get_ref<const std::string &>()));
    }
    return result;
}

QStringList stringList(const nlohmann::json &json, const char *key)
{
    QStringList result;
    const nlohmann::json *value = member(json, key);
    if (!value || !value->is_array())
        return result;
    for (const auto &entry : *value) {
        if (entry.is_string())
            result.append(toQString(entry.get_ref<const std::string &>()));
    }
    return result;
}

} // namespace githubjson
