-- Indexes for the drafts list's filters as people type them:
-- the repository filter is a case-insensitive prefix of 'owner/name' (GitHub names are
-- case-insensitive): lower(github_repo) LIKE lower(prefix) || '%', served under any collation by a
-- text_pattern_ops btree on the same expression (also read in order for the repository completion);
-- the text search also matches a pull request's title (metadata->>'title'), with its own trigram
-- index so that "content ILIKE … OR title ILIKE …" stays a bitmap OR of two index scans.
CREATE INDEX idx_draft_content_repo_lower_prefix ON draft_content (lower(github_repo) text_pattern_ops);
CREATE INDEX idx_draft_content_title_trgm ON draft_content USING gin ((metadata ->> 'title') gin_trgm_ops);
