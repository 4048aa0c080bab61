#pragma once

#include <QString>

#include <optional>

#include "http/apierror.h"

// The error of every GitHubClient call: either the HTTP layer's ApiError (kind Api, or
// BadCredentials when GitHub answered 401 to the App's JWT) or a local reason the call could not
// be made. Messages never contain tokens or key material.
struct GitHubError
{
    enum class Kind {
        Api,                  // see api: transport, timeout, HTTP status with GitHub's body, decode
        BadCredentials,       // GitHub rejected the App JWT (401): wrong App ID / client ID or key
        NotConfigured,        // no App ID / client ID or no private key loaded
        MalformedKey,         // the private key is not a usable RSA PEM
        MissingKey,           // no private key in the keychain
        KeychainUnavailable,  // the keychain could not be reached or refused access
    };

    Kind kind = Kind::Api;
    QString message;
    std::optional<ApiError> api;

    QString kindName() const;
    int httpStatus() const { return api ? api->httpStatus : 0; }
    // One line for the user.
    QString text() const;

    static GitHubError fromApi(ApiError error);
    static GitHubError local(Kind kind, const QString &message);
};

inline QString errorText(const GitHubError &error) { return error.text(); }
