#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// One field of an API's validation error (GitHub `errors[]`, Stripe `param`).
struct FieldError
{
    QString resource;
    QString field;
    QString code;
    QString message;
};

// The one error type of the HTTP layer and the API clients built on it.
// An HTTP 4xx/5xx answer is Kind::Http (with the API's own error body decoded), never Transport.
// Messages never contain credentials: URLs are shown without query or user info.
struct ApiError
{
    enum class Kind {
        Transport,  // no HTTP answer: connection refused or dropped, DNS, TLS
        Timeout,    // no complete answer within the request's timeout
        Http,       // an HTTP answer with a status the caller does not accept
        Decode,     // an answer whose body is not what was expected (malformed JSON, HTML, ...)
        Cancelled,  // the client gave up the request (shut down) while its caller still exists
        // Not sent: the URL (a Link header's next page, a URL from a body) lies outside the service's
        // configured base URL, or credentials would have gone to it. The message names the foreign
        // origin (scheme://host:port) and never a credential.
        ForeignOrigin,
    };

    Kind kind = Kind::Transport;
    int httpStatus = 0;
    QString message;           // what failed, in the console's words (method, URL, status)

    // The API's own error body, when there was one.
    QString apiMessage;        // GitHub `message`, Stripe `error.message`
    QString documentationUrl;  // GitHub `documentation_url`, Stripe `error.doc_url`
    QString apiCode;           // Stripe `error.code` (or `error.type` when there is no code)
    QString requestId;         // `x-github-request-id` / Stripe `request-id` header
    QList<FieldError> fieldErrors;

    // One line for the user: message, the API's message and field errors, the request id.
    QString text() const;
    QString kindName() const;

    static ApiError transport(const QString &message);
    static ApiError timeout(const QString &message);
    static ApiError http(int status, const QString &message);
    static ApiError decode(const QString &message);
    static ApiError cancelled(const QString &message);
    static ApiError foreignOrigin(const QString &message);
};

// Fill the API-body fields of `error` from a GitHub error body
// (`message`, `documentation_url`, `errors[]` of objects or plain strings). Non-JSON is ignored.
void decodeGitHubErrorBody(const QByteArray &body, ApiError &error);

// Fill the API-body fields of `error` from a Stripe error body
// (`{"error": {type, code, message, param, doc_url}}`). Non-JSON is ignored.
void decodeStripeErrorBody(const QByteArray &body, ApiError &error);
