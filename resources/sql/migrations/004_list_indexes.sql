-- Indexes the list views need: the draft queue is keyset-paged by (status, created_at, id) and
-- filtered by user and repository; an installation's members are looked up by installation;
-- the draft text search (content ILIKE '%term%') uses a trigram index.
CREATE INDEX idx_draft_content_status_created ON draft_content (status, created_at, id);
CREATE INDEX idx_draft_content_user ON draft_content (user_id);
CREATE INDEX idx_draft_content_repo ON draft_content (github_repo);
CREATE INDEX idx_user_installations_installation ON user_installations (installation_id);

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX idx_draft_content_content_trgm ON draft_content USING gin (content gin_trgm_ops);
