-- The product's seed schema, exactly as DESIGN.md gives it, made adoptable: on a database that
-- already holds these tables nothing is created and no row is touched. After this step the
-- migrator checks that existing tables have the seed's columns (an unrelated table of the same
-- name is an error).
CREATE TABLE IF NOT EXISTS users (
    id SERIAL PRIMARY KEY,
    github_id VARCHAR(255) UNIQUE NOT NULL,
    stripe_customer_id VARCHAR(255) UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS github_app_installations (
    id SERIAL PRIMARY KEY,
    github_installation_id VARCHAR(255) UNIQUE NOT NULL,
    account_name VARCHAR(255) NOT NULL,
    account_type VARCHAR(50) NOT NULL,          -- 'user' or 'organization'
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS user_installations (
    user_id INTEGER REFERENCES users(id),
    installation_id INTEGER REFERENCES github_app_installations(id),
    permission_level VARCHAR(50) NOT NULL,      -- 'admin', 'write', 'read'
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, installation_id));
CREATE TABLE IF NOT EXISTS user_preferences (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    auto_publish_comments BOOLEAN DEFAULT false,
    auto_publish_prs BOOLEAN DEFAULT false,
    testing_mode BOOLEAN DEFAULT false,
    notification_settings JSONB,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS draft_content (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    workflow_run_id VARCHAR(255) NOT NULL,      -- id of a WorkflowRun node in Neo4j
    content_type VARCHAR(50) NOT NULL,          -- 'comment' or 'pull_request'
    github_issue_id INTEGER NOT NULL,
    github_repo VARCHAR(255) NOT NULL,          -- 'owner/name'
    content TEXT NOT NULL,
    metadata JSONB,
    status VARCHAR(50) DEFAULT 'draft',         -- 'draft', 'published', 'discarded'
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP);
-- seed indexes
CREATE INDEX IF NOT EXISTS idx_users_github_id ON users(github_id);
CREATE INDEX IF NOT EXISTS idx_users_stripe_id ON users(stripe_customer_id);
CREATE INDEX IF NOT EXISTS idx_installations_github_id ON github_app_installations(github_installation_id);
CREATE INDEX IF NOT EXISTS idx_draft_content_workflow ON draft_content(workflow_run_id);
