#pragma once

#include <QString>

#include <expected>
#include <functional>
#include <memory>

#include "connectionprofile.h"
#include "dberror.h"

// Opens a new connection owned by the calling thread. Must be callable from any thread.
using ConnectionFactory =
    std::function<std::expected<std::unique_ptr<PgConnection>, DbError>(const QString &purpose)>;
