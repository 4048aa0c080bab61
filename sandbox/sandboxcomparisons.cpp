// SandboxCatalog: the changes the demo's AI branches carry (compare base...head and its diff).
#include "sandboxcatalog.h"

#include <QRegularExpression>

#include <array>

using namespace Qt::StringLiterals;

namespace {

// One fix per branch slug of resources/sql/demo/drafts.sql: the file it touches, the function the
// hunk sits in, the lines it removes and adds ('\n'-separated), and the pull request's title.
struct Fix
{
    const char *slug;
    const char *title;
    const char *file;
    const char *function;
    const char *removed;
    const char *added;
};

constexpr std::array kFixes{
    Fix{"token-refresh-race", "Fix race in token refresh", "app/auth/tokens.py", "refresh_token",
        "    if self._token.expires_at < now():\n        self._token = client.create_token()",
        "    with self._refresh_lock:\n        if self._token.expires_at < now() + REFRESH_MARGIN:\n"
        "            self._token = client.create_token()"},
    Fix{"empty-installation-pages", "Handle empty pages when syncing installations", "app/sync/installations.py",
        "sync_installations",
        "    for page in client.pages(\"/app/installations\"):\n        installations.extend(page)",
        "    for page in client.pages(\"/app/installations\"):\n        if not page:\n            continue\n"
        "        installations.extend(page)"},
    Fix{"webhook-signature-timing", "Use constant-time comparison for webhook signatures",
        "app/webhooks/signature.py", "verify_signature", "    return expected == received",
        "    return hmac.compare_digest(expected, received)"},
    Fix{"events-index", "Add missing index on events", "app/db/events.py", "list_events",
        "    query = \"SELECT * FROM events WHERE installation_id = %s ORDER BY created_at DESC\"",
        "    # Served by events_installation_created_idx (migration 0042).\n"
        "    query = (\"SELECT id, kind, created_at FROM events\"\n"
        "             \" WHERE installation_id = %s ORDER BY created_at DESC LIMIT %s\")"},
    Fix{"retry-backoff", "Retry with exponential backoff and jitter", "app/http/retry.py", "send_with_retry",
        "        time.sleep(1)",
        "        delay = min(MAX_DELAY, BASE_DELAY * 2 ** attempt)\n"
        "        time.sleep(delay / 2 + random.uniform(0, delay / 2))"},
    Fix{"link-header-pagination", "Respect the Link header when paginating", "app/http/pagination.py",
        "next_page_url", "    return None",
        "    link = response.headers.get(\"Link\", \"\")\n    match = NEXT_LINK.search(link)\n"
        "    return match.group(1) if match else None"},
    Fix{"utc-timestamps", "Compare timestamps in UTC", "app/util/time.py", "is_expired",
        "    return datetime.now() > expires_at",
        "    return datetime.now(timezone.utc) > expires_at.astimezone(timezone.utc)"},
    Fix{"config-validation", "Validate config before starting the worker", "app/config.py", "load_config",
        "    return Config(**raw)",
        "    missing = [key for key in REQUIRED_KEYS if key not in raw]\n    if missing:\n"
        "        raise ConfigError(f\"missing settings: {', '.join(missing)}\")\n    return Config(**raw)"},
    Fix{"error-body-leak", "Stop leaking request bodies into error messages", "app/http/errors.py",
        "describe_error", "    return f\"{response.status}: {response.request.body}\"",
        "    request = response.request\n"
        "    return f\"{response.status} {response.reason} for {request.method} {request.path}\""},
    Fix{"http-client-bump", "Bump the HTTP client to fix connection reuse", "app/http/client.py", "make_client",
        "    return httpx.Client(timeout=30)",
        "    limits = httpx.Limits(max_keepalive_connections=20, keepalive_expiry=30)\n"
        "    return httpx.Client(timeout=30, limits=limits)"},
    Fix{"cache-key-installation", "Include installation id in the cache key", "app/cache.py", "cache_key",
        "    return f\"{resource}:{resource_id}\"", "    return f\"{installation_id}:{resource}:{resource_id}\""},
    Fix{"timeout-alignment", "Align client and load balancer timeouts", "app/http/client.py", "make_client",
        "    return httpx.Client(timeout=120)",
        "    # The load balancer drops requests after 60 s: give up a little earlier.\n"
        "    return httpx.Client(timeout=httpx.Timeout(55.0, connect=5.0))"},
};

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

QString hex(quint64 value, int digits)
{
    return QString::number(value, 16).rightJustified(16, u'0').left(digits);
}

// The unified-diff hunks of `lines` ("+…", "-…", " …") starting at old/new line `start`.
QString hunk(int oldStart, int newStart, const QStringList &lines, const QString &section)
{
    int oldCount = 0;
    int newCount = 0;
    for (const QString &line : lines) {
        if (!line.startsWith(u'+'))
            ++oldCount;
        if (!line.startsWith(u'-'))
            ++newCount;
    }
    QString header = u"@@ -%1,%2 +%3,%4 @@"_s.arg(oldStart).arg(oldCount).arg(newStart).arg(newCount);
    if (!section.isEmpty())
        header += u' ' + section;
    return header + u'\n' + lines.join(u'\n');
}

SandboxCatalog::ChangedFile changedFile(const QString &filename, const QString &status, const QString &patch)
{
    SandboxCatalog::ChangedFile file;
    file.filename = filename;
    file.status = status;
    file.patch = patch;
    for (const QString &line : patch.split(u'\n')) {
        if (line.startsWith(u'+'))
            ++file.additions;
        else if (line.startsWith(u'-'))
            ++file.deletions;
    }
    return file;
}

QString prefixed(const QString &lines, QChar prefix)
{
    QStringList result;
    for (const QString &line : lines.split(u'\n'))
        result << prefix + line;
    return result.join(u'\n');
}

} // namespace

bool SandboxCatalog::isKnownBranch(const QString &branch)
{
    return branch == u"main"_s || branch == u"develop"_s || branch.startsWith(u"ai/"_s);
}

SandboxCatalog::Comparison SandboxCatalog::comparison(const QString &fullName, const QString &base,
                                                      const QString &head) const
{
    Comparison result;
    if (base == head) {
        result.status = u"identical"_s;
        return result;
    }
    static const QRegularExpression aiBranch(u"^ai/(?:fix-)?(.+?)(?:-(\\d+))?$"_s);
    const QRegularExpressionMatch match = aiBranch.match(head);
    const QString slug = match.hasMatch() ? match.captured(1) : head;
    const QString issue = match.captured(2);
    const quint64 h = stableHash(fullName.toLower() + u'|' + base + u"..."_s + head);

    const Fix *fix = nullptr;
    for (const Fix &candidate : kFixes) {
        if (slug == text(candidate.slug))
            fix = &candidate;
    }
    const QString snake = QString(slug).replace(u'-', u'_');
    const QString title = fix ? text(fix->title) : u"Update "_s + slug;
    const QString file = fix ? text(fix->file) : u"app/"_s + snake + u".py"_s;
    const QString function = fix ? text(fix->function) : u"handle_"_s + snake;
    const QString removed = fix ? text(fix->removed) : u"    return None"_s;
    const QString added = fix ? text(fix->added)
                              : u"    log.info(\"%1\")\n    return handle(event)"_s.arg(slug);

    // The fix, inside its function.
    const int start = 18 + int(h % 90);
    QStringList lines{u" def %1(self, installation_id):"_s.arg(function),
                      u"     \"\"\"%1.\"\"\""_s.arg(title),
                      u"     client = self._client_for(installation_id)"_s};
    lines << prefixed(removed, u'-').split(u'\n') << prefixed(added, u'+').split(u'\n');
    lines << u" "_s << u" "_s << u" def _client_for(self, installation_id):"_s;
    result.files.append(changedFile(file, u"modified"_s, hunk(start, start, lines, QString())));

    // Its regression test, a new file.
    const QString module = QString(file).chopped(3).replace(u'/', u'.');
    QStringList test{u"import pytest"_s, QString(), u"from %1 import %2"_s.arg(module, function), QString(), QString(),
                     u"def test_%1_regression%2(fake_client):"_s.arg(snake, issue.isEmpty() ? QString() : u'_' + issue),
                     issue.isEmpty() ? u"    \"\"\"%1.\"\"\""_s.arg(title)
                                     : u"    \"\"\"Regression test for #%1: %2.\"\"\""_s.arg(issue, title.toLower()),
                     u"    result = %1(fake_client, installation_id=1)"_s.arg(function),
                     u"    assert result is not None"_s,
                     u"    assert fake_client.calls == 1"_s};
    result.files.append(changedFile(u"tests/test_"_s + snake + u".py"_s, u"added"_s,
                                    hunk(0, 1, prefixed(test.join(u'\n'), u'+').split(u'\n'), QString())));

    // Every other branch also notes the change in the changelog.
    if ((h / 7) % 2 == 0) {
        const QStringList changelog{u" # Changelog"_s, u" "_s, u" ## Unreleased"_s, u" "_s,
                                    u"+- %1%2"_s.arg(title, issue.isEmpty() ? QString() : u" (#"_s + issue + u')'),
                                    u" - Drop support for Python 3.8"_s, u" - Faster installation sync"_s};
        result.files.append(changedFile(u"CHANGELOG.md"_s, u"modified"_s, hunk(1, 1, changelog, QString())));
    }

    result.status = u"ahead"_s;
    result.aheadBy = 1;
    result.commitSha = hex(h, 16) + hex(stableHash(head), 16) + hex(stableHash(base + head), 8);
    result.commitMessage = title + (issue.isEmpty() ? QString() : u"\n\nFixes #"_s + issue + u'.');
    for (const ChangedFile &changed : std::as_const(result.files)) {
        const quint64 fh = stableHash(fullName + head + changed.filename);
        const bool created = changed.status == u"added"_s;
        result.diff += u"diff --git a/%1 b/%1\n"_s.arg(changed.filename);
        if (created)
            result.diff += u"new file mode 100644\nindex 0000000..%1\n--- /dev/null\n"_s.arg(hex(fh, 7));
        else
            result.diff += u"index %1..%2 100644\n--- a/%3\n"_s.arg(hex(fh, 7), hex(fh / 3, 7), changed.filename);
        result.diff += u"+++ b/%1\n"_s.arg(changed.filename) + changed.patch + u'\n';
    }
    return result;
}
