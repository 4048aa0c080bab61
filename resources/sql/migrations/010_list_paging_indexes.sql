-- Indexes for the paged lists' other orders and searches (004 covers the draft queue by status):
-- every list is keyset-paged on (sort key, id), so each offered order has a matching index.
CREATE INDEX idx_draft_content_created ON draft_content (created_at, id);
CREATE INDEX idx_users_created ON users (created_at, id);
CREATE INDEX idx_installations_created ON github_app_installations (created_at, id);
CREATE INDEX idx_installations_account ON github_app_installations (account_name, id);
-- Prefix search on ids (LIKE 'term%') under any collation.
CREATE INDEX idx_users_github_id_prefix ON users (github_id text_pattern_ops);
CREATE INDEX idx_users_stripe_id_prefix ON users (stripe_customer_id text_pattern_ops);
