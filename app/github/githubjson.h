#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <expected>
#include <optional>

// Readers shared by the GitHub JSON converters (only .cpp files include this). A missing or null
// optional field reads as empty; a missing required field throws nlohmann::json::exception, which
// decodeGitHubJson() turns into an error message. Integers never pass through a double.
namespace githubjson {

QString toQString(const std::string &text);

QString requiredString(const nlohmann::json &json, const char *key);
QString stringOr(const nlohmann::json &json, const char *key, const QString &fallback = {});
std::optional<QString> optionalString(const nlohmann::json &json, const char *key);

qint64 requiredInteger(const nlohmann::json &json, const char *key);
qint64 integerOr(const nlohmann::json &json, const char *key, qint64 fallback = 0);
std::optional<qint64> optionalInteger(const nlohmann::json &json, const char *key);

bool boolOr(const nlohmann::json &json, const char *key, bool fallback = false);
std::optional<bool> optionalBool(const nlohmann::json &json, const char *key);

QDateTime dateTimeOr(const nlohmann::json &json, const char *key);
std::optional<QDateTime> optionalDateTime(const nlohmann::json &json, const char *key);

QMap<QString, QString> stringMap(const nlohmann::json &json, const char *key);
QStringList stringList(const nlohmann::json &json, const char *key);

inline const nlohmann::json *member(const nlohmann::json &json, const char *key)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null())
        return nullptr;
    return &*it;
}

template <typename T>
std::optional<T> optionalObject(const nlohmann::json &json, const char *key)
{
    const nlohmann::json *value = member(json, key);
    if (!value || !value->is_object())
        return std::nullopt;
    return value->get<T>();
}

template <typename T>
QList<T> listOf(const nlohmann::json &array)
{
    QList<T> result;
    if (!array.is_array())
        return result;
    result.reserve(static_cast<qsizetype>(array.size()));
    for (const auto &element : array)
        result.append(element.get<T>());
    return result;
}

template <typename T>
QList<T> listOf(const nlohmann::json &json, const char *key)
{
    const nlohmann::json *value = member(json, key);
    return value ? listOf<T>(*value) : QList<T>{};
}

} // namespace githubjson

// Parses a response body into T (or QList<T> with decodeGitHubJsonArray). Never throws.
template <typename T>
std::expected<T, QString> decodeGitHubJson(const QByteArray &body)
{
    try {
        const auto json = nlohmann::json::parse(body.cbegin(), body.cend());
        if (!json.is_object())
            return std::unexpected(QStringLiteral("Expected a JSON object in the response."));
        return json.get<T>();
    } catch (const nlohmann::json::exception &e) {
        return std::unexpected(QString::fromUtf8(e.what()));
    }
}

template <typename T>
std::expected<QList<T>, QString> decodeGitHubJsonArray(const QByteArray &body)
{
    try {
        const auto json = nlohmann::json::parse(body.cbegin(), body.cend());
        if (!json.is_array())
            return std::unexpected(QStringLiteral("Expected a JSON array in the response."));
        return githubjson::listOf<T>(json);
    } catch (const nlohmann::json::exception &e) {
        return std::unexpected(QString::fromUtf8(e.what()));
    }
}
