-- Demo drafts: staffconsole.demo_drafts comments and pull requests, written by members with write
-- or admin access (and one 'read' member) into repositories of their installation's account, created over the last ~8
-- months (staffconsole.demo_anchor). ~75% draft, ~18% published, ~7% discarded; ~60% comments.
-- The Markdown body is assembled from fragments: headings, paragraphs, bullet and task lists,
-- fenced code in several languages, links and inline code. One set-based statement: every random
-- draw happens once per row in the fenced subquery, in generate_series order, so a fixed
-- setseed() repeats the whole table.
WITH
m AS (
    SELECT array_agg(ui.user_id ORDER BY ui.installation_id, ui.user_id) AS users,
           array_agg(i.account_name ORDER BY ui.installation_id, ui.user_id) AS owners,
           array_agg(get_byte(decode(md5(i.account_name), 'hex'), 0) ORDER BY ui.installation_id, ui.user_id) AS salts,
           count(*)::int AS n
    FROM user_installations ui
    JOIN github_app_installations i ON i.id = ui.installation_id
    WHERE ui.permission_level IN ('admin', 'write')
       -- and one 'read' member, whose drafts publishing refuses (so the demo shows that refusal)
       OR (ui.user_id, ui.installation_id) = (SELECT r.user_id, r.installation_id FROM user_installations r
                                              WHERE r.permission_level = 'read'
                                              ORDER BY r.installation_id, r.user_id LIMIT 1)
),
w AS (
    SELECT
    ARRAY['api', 'web', 'mobile-app', 'infra', 'billing-service', 'docs', 'cli', 'sdk-python',
          'sdk-js', 'data-pipeline', 'auth-gateway', 'design-system', 'ml-platform', 'search',
          'notifications', 'scheduler', 'terraform-modules', 'helm-charts', 'dashboard', 'etl-jobs',
          'firmware', 'website', 'analytics', 'core'] AS repos,
    -- files[k] is written in the language of code[k]
    ARRAY['services/billing/retry.py', 'src/cache/refresh.ts', 'internal/queue/worker.go', 'src/parser.rs',
          'db/migrations/0042_add_index.sql', 'api/webhooks/verify.py', '.github/workflows/ci.yml',
          'scripts/repro.sh', 'src/net/client.cpp', 'src/main/java/com/acme/auth/TokenService.java',
          'app/jobs/sync_job.rb', 'config/retry.json'] AS files,
    ARRAY['refreshToken', 'parse_headers', 'handle_webhook', 'scheduleRetry', 'normalize_path',
          'fetchInstallations', 'apply_discount', 'flushBatch', 'resolve_conflicts', 'loadConfig',
          'verifySignature', 'paginate'] AS fns,
    ARRAY['Summary', 'Analysis', 'Root cause', 'What I found', 'Proposed fix', 'Investigation notes',
          'Reproduction', 'Suggested next steps'] AS headings,
    ARRAY['I looked into #%2$s and traced the failure to `%3$s`. The retry loop in `%4$s` swallows the timeout and returns an empty result, which the caller treats as success.',
          'Thanks for the detailed report! I could reproduce this on `main` of **%1$s** with the steps from the issue description.',
          'This looks like a race between the cache refresh and the request handler in `%3$s`: two workers can call `%4$s` for the same key at once.',
          'The stack trace points at `%4$s` in `%3$s`. It assumes the config value is always present, but it has been optional since the last release.',
          'I checked the last 20 CI runs of %1$s: the flaky test fails only on the larger runners, which hints at a timing dependency rather than a logic error.',
          'Short answer: yes, this is a bug, and a small one. `%4$s` compares timestamps in local time while the database stores UTC.',
          'This is expected after the upgrade, but the error message is misleading. We should validate the input in `%3$s` before calling `%4$s`.',
          'I could not reproduce this on the current `main`. Could you share the output of `git rev-parse HEAD` and the full log?',
          'The regression came in with the refactoring of `%3$s` three weeks ago: `%4$s` no longer forwards the `If-None-Match` header, so every poll counts against the rate limit.',
          'Good catch. The documentation says the endpoint is paginated, but `%4$s` only reads the first page, so installations with more than 100 repositories lose data.'] AS intros,
    ARRAY['Details', 'Steps to reproduce', 'Possible fix', 'Impact', 'Open questions', 'Notes'] AS subheadings,
    ARRAY['The handler returns `200` even when the upstream call fails',
          'Only installations with more than 100 repositories are affected',
          'Reproduced on Ubuntu 22.04 and macOS 14 with the same result',
          'The `%3$s` module has no test for the empty-list case',
          'Pagination stops after the first page because the `Link` header is ignored',
          'Memory grows by ~40 MB per hour under steady load',
          'The migration adds the column but not the index, so the query does a sequential scan',
          'Retries use a fixed delay instead of exponential backoff with jitter',
          'The webhook signature is compared with `==` instead of a constant-time comparison',
          'Error messages include the request body, which may contain tokens',
          'The timeout is 30 s on the client but 10 s on the load balancer',
          'Feature flag `new_sync` is on for 12%% of installations, so not everyone sees this',
          'The fix is backwards compatible: no configuration change is needed',
          'A unit test for `%4$s` reproduces the failure in under a second',
          'Rolling back to v2.3.1 makes the problem disappear',
          'The same pattern appears in two other places in %1$s',
          'CPU usage is normal; the time is spent waiting on the database',
          'The cache key does not include the installation id',
          'Logs show `ECONNRESET` about once per minute during deploys',
          'Dependabot already proposes the upgrade that contains the upstream fix'] AS bullets,
    ARRAY[E'```python\ndef %4$s(fn, attempts=3):\n    for attempt in range(attempts):\n        try:\n            return fn()\n        except TimeoutError:\n            time.sleep(2 ** attempt + random.random())\n    raise RetryExhausted(attempts)\n```',
          E'```typescript\nexport async function %4$s(key: string): Promise<Token> {\n  const cached = cache.get(key);\n  if (cached && cached.expiresAt > Date.now() + 60_000) {\n    return cached;\n  }\n  return inflight.get(key) ?? startRefresh(key);\n}\n```',
          E'```go\nfunc %4$s(ctx context.Context, q *Queue) error {\n\tfor {\n\t\tjob, err := q.Next(ctx)\n\t\tif errors.Is(err, context.Canceled) {\n\t\t\treturn nil\n\t\t}\n\t\tif err != nil {\n\t\t\treturn fmt.Errorf("next job: %%w", err)\n\t\t}\n\t\tgo job.Run(ctx)\n\t}\n}\n```',
          E'```rust\npub fn %4$s(input: &str) -> Result<Headers, ParseError> {\n    input\n        .lines()\n        .take_while(|line| !line.is_empty())\n        .map(Header::try_from)\n        .collect()\n}\n```',
          E'```sql\nCREATE INDEX CONCURRENTLY idx_events_installation_created\n    ON events (installation_id, created_at DESC);\n```',
          E'```diff\n-    if token == expected:\n+    if hmac.compare_digest(token, expected):\n         return True\n```',
          E'```yaml\njobs:\n  test:\n    runs-on: ubuntu-latest\n    timeout-minutes: 15\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n```',
          E'```bash\ngit bisect start v2.4.0 v2.3.1\ngit bisect run ./scripts/repro.sh\n```',
          E'```cpp\nauto %4$s(const Request &request) -> std::expected<Response, Error>\n{\n    if (request.body().size() > kMaxBody)\n        return std::unexpected(Error::PayloadTooLarge);\n    return dispatch(request);\n}\n```',
          E'```java\npublic Token %4$s(Installation installation) {\n    return tokens.computeIfAbsent(installation.id(), id -> client.createToken(id));\n}\n```',
          E'```ruby\ndef %4$s\n  User.where(active: true).find_each(batch_size: 500) do |user|\n    SyncJob.perform_later(user.id)\n  end\nend\n```',
          E'```json\n{\n  "retry": { "attempts": 5, "backoff": "exponential" },\n  "timeout_ms": 10000\n}\n```'] AS code,
    ARRAY['See the [GitHub docs on rate limits](https://docs.github.com/en/rest/overview/rate-limits-for-the-rest-api) for the limits that apply here.',
          'The failing run is [here](https://github.com/%1$s/actions/runs/%5$s).',
          'Related: #%6$s, which touches the same code path.',
          'Let me know if you want me to open a pull request with this change.',
          'I will update this comment once the CI run on the branch is green.',
          'More background in the [PostgreSQL docs on indexes](https://www.postgresql.org/docs/current/indexes-multicolumn.html).',
          'If this matches what you see, a :+1: on this comment helps us prioritise.',
          'Thanks again for the report, this one was subtle!'] AS outros,
    ARRAY['Fix race in token refresh', 'Handle empty pages when syncing installations',
          'Use constant-time comparison for webhook signatures', 'Add missing index on events',
          'Retry with exponential backoff and jitter', 'Respect the Link header when paginating',
          'Compare timestamps in UTC', 'Validate config before starting the worker',
          'Stop leaking request bodies into error messages', 'Bump the HTTP client to fix connection reuse',
          'Include installation id in the cache key', 'Align client and load balancer timeouts'] AS titles,
    ARRAY['token-refresh-race', 'empty-installation-pages', 'webhook-signature-timing', 'events-index',
          'retry-backoff', 'link-header-pagination', 'utc-timestamps', 'config-validation',
          'error-body-leak', 'http-client-bump', 'cache-key-installation', 'timeout-alignment'] AS slugs,
    ARRAY['This pull request fixes #%2$s. `%4$s` in `%3$s` now handles the case described in the issue, and a regression test covers it.',
          'Closes #%2$s. The change is small and local to `%3$s`; no public API changes.',
          'Fixes #%2$s by changing how `%4$s` deals with failures. Behaviour for the happy path is unchanged.',
          'Resolves #%2$s. I kept the change minimal so it can be backported to the release branch.'] AS summaries,
    ARRAY['npm test', 'pytest -q', 'go test ./...', 'cargo test', 'bundle exec rspec', 'ctest --output-on-failure', 'mvn -q verify'] AS tests,
    ARRAY['bug', 'enhancement', 'dependencies', 'tests', 'documentation', 'performance', 'security'] AS labels,
    ARRAY['gpt-4o', 'gpt-4.1', 'claude-3-5-sonnet', 'claude-sonnet-4', 'o3-mini'] AS models,
    ARRAY['issue-triage', 'bug-fix', 'dependency-update', 'flaky-test-investigation', 'docs-answer'] AS workflows,
    ARRAY['issue_opened', 'issue_comment', 'label_added', 'manual'] AS triggers

)
INSERT INTO draft_content (user_id, workflow_run_id, content_type, github_issue_id, github_repo,
                           content, metadata, status, created_at, updated_at)
SELECT d.user_id, d.run_id, d.content_type, d.issue, d.repo,
       CASE WHEN d.content_type = 'comment' THEN
           CASE d.layout
               WHEN 0 THEN '## ' || d.heading || E'\n\n' || d.intro || E'\n\n### ' || d.subheading || E'\n\n- '
                           || d.b1 || E'\n- ' || d.b2 || E'\n- ' || d.b3 || E'\n\n' || d.code || E'\n\n' || d.outro
               WHEN 1 THEN d.intro || E'\n\n1. ' || d.b1 || E'\n2. ' || d.b2 || E'\n3. ' || d.b3 || E'\n\n' || d.outro
               ELSE '### ' || d.heading || E'\n\n' || d.intro || E'\n\n' || d.code || E'\n\n> **Note:** '
                    || d.b2 || E'.\n\n' || d.outro
           END
       ELSE
           E'## Summary\n\n' || d.summary || E'\n\n## Changes\n\n- ' || d.b1 || E'\n- ' || d.b2 || E'\n- '
           || d.b3 || E'\n\n' || d.code || E'\n\n## Testing\n\n- [x] `' || d.test || E'` passes locally\n'
           || E'- [x] Added a regression test for #' || d.issue || E'\n- [ ] Verified on staging'
           || CASE WHEN d.layout = 2 THEN E'\n\n---\n' || d.outro ELSE '' END
       END,
       CASE WHEN d.content_type = 'pull_request' THEN
           jsonb_build_object(
               'title', d.title,
               -- about 1 in 150 names a branch the sandbox GitHub does not have: publishing refuses it
               'head', CASE WHEN d.g % 150 = 17 THEN 'feature/removed-' || d.g ELSE 'ai/fix-' || d.slug || '-' || d.issue END,
               'base', CASE WHEN d.x < 0.9 THEN 'main' ELSE 'develop' END,
               'draft', d.y < 0.1,
               'labels', CASE WHEN d.y < 0.3 THEN jsonb_build_array('ai-generated')
                              WHEN d.y < 0.75 THEN jsonb_build_array('ai-generated', d.label1)
                              ELSE jsonb_build_array('ai-generated', d.label1, d.label2) END,
               'model', d.model,
               'tokens', d.tokens,
               'workflow', jsonb_build_object('name', d.workflow, 'run_id', d.run_id, 'trigger', d.trigger))
       ELSE
           jsonb_build_object(
               'model', d.model,
               'tokens', d.tokens,
               'confidence', round(d.confidence::numeric, 2),
               'workflow', jsonb_build_object('name', d.workflow, 'run_id', d.run_id, 'trigger', d.trigger,
                                              'step', 1 + floor(d.x * 4)::int),
               'prompt_version', 'v3.' || floor(d.y * 5)::int)
       END
       || CASE WHEN d.status = 'published' AND d.content_type = 'comment'
               THEN jsonb_build_object('html_url', 'https://github.com/' || d.repo || '/issues/' || d.issue
                                       || '#issuecomment-' || (1500000000 + d.g * 37))
               WHEN d.status = 'published'
               THEN jsonb_build_object('html_url', 'https://github.com/' || d.repo || '/pull/' || (d.issue + 1 + d.g % 40))
               ELSE '{}'::jsonb END,
       d.status, d.created_at,
       CASE WHEN d.status = 'published' THEN least(d.anchor, d.created_at + make_interval(secs => 300 + d.later * 3 * 86400))
            WHEN d.status = 'discarded' THEN least(d.anchor, d.created_at + make_interval(secs => 600 + d.later * 10 * 86400))
            WHEN d.later < 0.3 THEN least(d.anchor, d.created_at + make_interval(secs => d.later * 2 * 86400))
            ELSE d.created_at END
FROM (
    SELECT t.*,
           w.headings[1 + floor(t.r1 * cardinality(w.headings))::int] AS heading,
           w.subheadings[1 + floor(t.r2 * cardinality(w.subheadings))::int] AS subheading,
           format(w.intros[1 + floor(t.r3 * cardinality(w.intros))::int], t.repo, t.issue, t.file, t.fn, t.ci_run, t.related) AS intro,
           format(w.bullets[1 + t.b], t.repo, t.issue, t.file, t.fn) AS b1,
           format(w.bullets[1 + (t.b + 3) % cardinality(w.bullets)], t.repo, t.issue, t.file, t.fn) AS b2,
           format(w.bullets[1 + (t.b + 8) % cardinality(w.bullets)], t.repo, t.issue, t.file, t.fn) AS b3,
           format(w.code[1 + t.f], t.repo, t.issue, t.file, t.fn) AS code,
           format(w.outros[1 + floor(t.r5 * cardinality(w.outros))::int], t.repo, t.issue, t.file, t.fn, t.ci_run, t.related) AS outro,
           format(w.summaries[1 + floor(t.r6 * cardinality(w.summaries))::int], t.repo, t.issue, t.file, t.fn) AS summary,
           w.titles[1 + t.t] AS title,
           w.slugs[1 + t.t] AS slug,
           w.tests[1 + floor(t.r7 * cardinality(w.tests))::int] AS test,
           w.labels[1 + floor(t.r8 * cardinality(w.labels))::int] AS label1,
           w.labels[1 + (floor(t.r8 * cardinality(w.labels))::int + 2) % cardinality(w.labels)] AS label2,
           w.models[1 + floor(t.r1 * 97)::int % cardinality(w.models)] AS model,
           w.workflows[1 + floor(t.r2 * 89)::int % cardinality(w.workflows)] AS workflow,
           w.triggers[1 + floor(t.r3 * 83)::int % cardinality(w.triggers)] AS trigger,
           200 + floor(power(t.r6, 2) * 7800)::int AS tokens
    FROM (
        SELECT s.*,
               m.users[s.who] AS user_id,
               m.owners[s.who] || '/' || w.repos[1 + (m.salts[s.who] + floor(s.x * 4)::int) % cardinality(w.repos)] AS repo,
               CASE WHEN s.kind < 0.6 THEN 'comment' ELSE 'pull_request' END AS content_type,
               CASE WHEN s.state < 0.75 THEN 'draft' WHEN s.state < 0.93 THEN 'published' ELSE 'discarded' END AS status,
               s.anchor - make_interval(secs => s.age * 240 * 86400) AS created_at,
               w.files[1 + s.f] AS file,
               w.fns[1 + (s.f + s.b) % cardinality(w.fns)] AS fn,
               4000000000 + s.g * 131 + s.b AS ci_run,
               greatest(1, s.issue - 1 - s.t * 7) AS related
        FROM (
            SELECT g::bigint AS g, p.anchor,
                   1 + floor(random() * m.n)::int AS who,
                   random() AS kind, random() AS state, power(random(), 1.3) AS age, random() AS later,
                   1 + floor(power(random(), 2) * 5000)::int AS issue,
                   random() AS x, random() AS y, 0.55 + random() * 0.44 AS confidence,
                   floor(random() * 3)::int AS layout,
                   floor(random() * 20)::int AS b,
                   floor(random() * 12)::int AS t,
                   floor(random() * 12)::int AS f,
                   random() AS r1, random() AS r2, random() AS r3,
                   random() AS r5, random() AS r6, random() AS r7, random() AS r8,
                   md5(random()::text)::uuid::text AS run_id
            FROM (SELECT current_setting('staffconsole.demo_drafts')::int AS n,
                         current_setting('staffconsole.demo_anchor')::timestamptz AS anchor) AS p,
                 m, generate_series(1, p.n) AS g
            OFFSET 0
        ) AS s, m, w
    ) AS t, w
) AS d
