#include "http/apierror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

QString fieldErrorText(const FieldError &e)
{
    if (!e.message.isEmpty() && e.field.isEmpty())
        return e.message;
    QString where = e.resource;
    if (!e.field.isEmpty())
        where = where.isEmpty() ? e.field : where + u'.' + e.field;
    QString what = e.message.isEmpty() ? e.code : e.message;
    if (where.isEmpty())
        return what;
    return what.isEmpty() ? where : where + u' ' + what;
}

std::optional<QJsonObject> jsonObject(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

} // namespace

QString ApiError::kindName() const
{
    switch (kind) {
    case Kind::Transport: return u"transport"_s;
    case Kind::Timeout: return u"timeout"_s;
    case Kind::Http: return u"http"_s;
    case Kind::Decode: return u"decode"_s;
    case Kind::Cancelled: return u"cancelled"_s;
    case Kind::ForeignOrigin: return u"foreign_origin"_s;
    }
    return u"unknown"_s;
}

QString ApiError::text() const
{
    QString result = message;
    if (!apiMessage.isEmpty() && !message.contains(apiMessage))
        result += (result.isEmpty() ? QString() : u": "_s) + apiMessage;
    if (!fieldErrors.isEmpty()) {
        QStringList parts;
        for (const FieldError &e : fieldErrors)
            parts << fieldErrorText(e);
        result += u" ("_s + parts.join(u"; "_s) + u')';
    }
    if (!apiCode.isEmpty())
        result += u" [code "_s + apiCode + u']';
    if (!requestId.isEmpty())
        result += u" [request "_s + requestId + u']';
    return result;
}

ApiError ApiError::transport(const QString &message)
{
    ApiError e;
    e.kind = Kind::Transport;
    e.message = message;
    return e;
}

ApiError ApiError::timeout(const QString &message)
{
    ApiError e;
    e.kind = Kind::Timeout;
    e.message = message;
    return e;
}

ApiError ApiError::http(int status, const QString &message)
{
    ApiError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.message = message;
    return e;
}

ApiError ApiError::decode(const QString &message)
{
    ApiError e;
    e.kind = Kind::Decode;
    e.message = message;
    return e;
}

ApiError ApiError::cancelled(const QString &message)
{
    ApiError e;
    e.kind = Kind::Cancelled;
    e.message = message;
    return e;
}

ApiError ApiError::foreignOrigin(const QString &message)
{
    ApiError e;
    e.kind = Kind::ForeignOrigin;
    e.message = message;
    return e;
}

void decodeGitHubErrorBody(const QByteArray &body, ApiError &error)
{
    const auto object = jsonObject(body);
    if (!object)
        return;
    error.apiMessage = object->value("message"_L1).toString();
    error.documentationUrl = object->value("documentation_url"_L1).toString();
    const QJsonArray errors = object->value("errors"_L1).toArray();
    for (const QJsonValue &item : errors) {
        FieldError field;
        if (item.isString()) {
            field.message = item.toString();
        } else if (item.isObject()) {
            const QJsonObject o = item.toObject();
            field.resource = o.value("resource"_L1).toString();
            field.field = o.value("field"_L1).toString();
            field.code = o.value("code"_L1).toString();
            field.message = o.value("message"_L1).toString();
        } else {
            continue;
        }
        error.fieldErrors.append(field);
    }
}

void decodeStripeErrorBody(const QByteArray &body, ApiError &error)
{
    const auto object = jsonObject(body);
    if (!object)
        return;
    const QJsonObject e = object->value("error"_L1).toObject();
    if (e.isEmpty())
        return;
    error.apiMessage = e.value("message"_L1).toString();
    error.documentationUrl = e.value("doc_url"_L1).toString();
    error.apiCode = e.value("code"_L1).toString();
    if (error.apiCode.isEmpty())
        error.apiCode = e.value("type"_L1).toString();
    const QString param = e.value("param"_L1).toString();
    if (!param.isEmpty()) {
        FieldError field;
        field.field = param;
        field.code = e.value("code"_L1).toString();
        error.fieldErrors.append(field);
    }
}
