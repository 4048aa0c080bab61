#include "githuberror.h"

using namespace Qt::StringLiterals;

QString GitHubError::kindName() const
{
    switch (kind) {
    case Kind::Api: return api ? api->kindName() : u"api"_s;
    case Kind::BadCredentials: return u"bad_credentials"_s;
    case Kind::NotConfigured: return u"not_configured"_s;
    case Kind::MalformedKey: return u"malformed_key"_s;
    case Kind::MissingKey: return u"missing_key"_s;
    case Kind::KeychainUnavailable: return u"keychain_unavailable"_s;
    }
    return u"unknown"_s;
}

QString GitHubError::text() const
{
    if (!api)
        return message;
    if (message.isEmpty())
        return api->text();
    return message + u": "_s + api->text();
}

GitHubError GitHubError::fromApi(ApiError error)
{
    GitHubError result;
    result.kind = Kind::Api;
    result.api = std::move(error);
    return result;
}

GitHubError GitHubError::local(Kind kind, const QString &message)
{
    GitHubError result;
    result.kind = kind;
    result.message = message;
    return result;
}
